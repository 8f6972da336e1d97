package org.snnspark.models.neuron.lif;

import org.snnspark.models.engine.ParamValues;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.snnspark.models.surrogate.SpikeFunction;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.engine.TimeMajor;

/**
 * The LIF family's step ({@link LifKernel}: LIF, RLIF, adLIF, RadLIF) written with ND4J operations
 * on [mb, n] arrays per step, so it runs on whatever backend ND4J has (CUDA included) in the
 * network's data type. Same equations, same masks (a padding row carries the state; written here as
 * {@code m * new + (1 - m) * old} with the step's column of validity), same parameter and state
 * order, same gradients; {@code Nd4jLifKernelTest} holds it equal to the Java kernel.
 * <p>
 * What differs is where the time goes: each step is a handful of ND4J calls, each with a fixed
 * dispatch cost that dwarfs a step's arithmetic on the CPU, so on the CPU backend the Java kernel is several times faster and
 * {@link KernelChoice} picks it. The recurrent products are dense here (s V and g V^T per step as
 * GEMMs); the event-driven skips of the Java kernel do not pay off on a GPU.
 * <p>
 * The interface exchanges Java arrays once per minibatch (drive in, spikes and states out,
 * gradients in and out); all per-step state lives in arrays created outside DL4J's workspaces,
 * because it must survive from the forward pass to the backward pass.
 */
public final class Nd4jLifKernel implements NeuronKernel {
    private final int n;
    private final boolean recurrent;
    private final boolean adaptive;
    private final double threshold;
    private final SpikeFunction spikeFn;
    private final DataType dataType;

    private INDArray alpha;
    private INDArray oneMinusAlpha;
    private INDArray beta;
    private INDArray adaptA;
    private INDArray adaptB;
    private INDArray v;
    private INDArray[] initial;

    private int mb;
    private int steps;
    /** [T * mb, n] each: u, s, w (adaptive), and the pre-activation drive + sV - w. */
    private INDArray u;
    private INDArray s;
    private INDArray w;
    private INDArray pre;
    /** [T * mb, 1]: 1 for a real step, 0 for padding. */
    private INDArray mask;
    private double[][] stateCopies;

    public Nd4jLifKernel(int n, boolean recurrent, boolean adaptive, double threshold, SpikeFunction spikeFn,
                         DataType dataType) {
        this.n = n;
        this.recurrent = recurrent;
        this.adaptive = adaptive;
        this.threshold = threshold;
        this.spikeFn = spikeFn;
        this.dataType = dataType;
    }

    @Override
    public int neurons() {
        return n;
    }

    @Override
    public int stateCount() {
        return adaptive ? 3 : 2;
    }

    @Override
    public void setParameters(ParamValues params, double[] vWeights) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            alpha = row(params.get(LifLayer.ALPHA));
            oneMinusAlpha = alpha.rsub(1.0);
            if (adaptive) {
                beta = row(params.get(LifLayer.BETA));
                adaptA = row(params.get(LifLayer.A));
                adaptB = row(params.get(LifLayer.B));
            }
            if (recurrent) {
                v = Nd4j.create(dataType, new long[]{n, n}, 'c');
                TimeMajor.write(vWeights, v);
            }
        }
    }

    private INDArray row(double[] values) {
        INDArray r = Nd4j.create(dataType, new long[]{1, n}, 'c');
        TimeMajor.write(values, r);
        return r;
    }

    @Override
    public void setInitialState(double[][] state) {
        initial = null;
        if (state == null) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            initial = new INDArray[state.length];
            for (int k = 0; k < state.length; k++) {
                if (state[k] != null) {
                    initial[k] = Nd4j.create(dataType, new long[]{state[k].length / n, n}, 'c');
                    TimeMajor.write(state[k], initial[k]);
                }
            }
        }
    }

    /** Rows of step t of a [T * mb, ...] array (a view). */
    private INDArray rows(INDArray all, int t) {
        return all.get(NDArrayIndex.interval((long) t * mb, (long) (t + 1) * mb), NDArrayIndex.all());
    }

    /** State variable k before step t: the step before, or the initial state / zeros at t = 0. */
    private INDArray previous(INDArray all, int k, int t, INDArray zeros) {
        if (t > 0) {
            return rows(all, t - 1);
        }
        return initial != null && initial[k] != null ? initial[k] : zeros;
    }

    @Override
    public void forward(double[] drive, int mb, int steps, boolean[] valid) {
        this.mb = mb;
        this.steps = steps;
        this.stateCopies = null;
        long rowsTotal = (long) steps * mb;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray driveAll = Nd4j.create(dataType, new long[]{rowsTotal, n}, 'c');
            TimeMajor.write(drive, driveAll);
            mask = Nd4j.ones(dataType, rowsTotal, 1);
            if (valid != null) {
                double[] m = new double[(int) rowsTotal];
                for (int i = 0; i < m.length; i++) {
                    m[i] = valid[i] ? 1.0 : 0.0;
                }
                TimeMajor.write(m, mask);
            }
            u = Nd4j.create(dataType, new long[]{rowsTotal, n}, 'c');
            s = Nd4j.create(dataType, new long[]{rowsTotal, n}, 'c');
            pre = Nd4j.create(dataType, new long[]{rowsTotal, n}, 'c');
            w = adaptive ? Nd4j.create(dataType, new long[]{rowsTotal, n}, 'c') : null;
            INDArray zeros = Nd4j.zeros(dataType, mb, n);
            for (int t = 0; t < steps; t++) {
                INDArray m = rows(mask, t);
                INDArray keep = m.rsub(1.0);
                INDArray uP = previous(u, LifKernel.U, t, zeros);
                INDArray sP = previous(s, LifKernel.S, t, zeros);
                INDArray p = rows(driveAll, t).dup();
                if (recurrent) {
                    p.addi(sP.mmul(v));
                }
                if (adaptive) {
                    INDArray wP = previous(w, LifKernel.W, t, zeros);
                    INDArray wt = wP.mulRowVector(beta).addi(uP.mulRowVector(adaptA)).addi(sP.mulRowVector(adaptB));
                    p.subi(wt);
                    rows(w, t).assign(carry(wt, wP, m, keep));
                }
                INDArray ut = uP.sub(sP).muliRowVector(alpha).addi(p.mulRowVector(oneMinusAlpha));
                INDArray st = spikeFn.spike(ut.sub(threshold));
                rows(pre, t).assign(p.muliColumnVector(m));
                rows(u, t).assign(carry(ut, uP, m, keep));
                rows(s, t).assign(carry(st, sP, m, keep));
            }
        }
    }

    /** m * value + (1 - m) * old, per row: a padding row keeps the old state. */
    private static INDArray carry(INDArray value, INDArray old, INDArray m, INDArray keep) {
        return value.mulColumnVector(m).addi(old.mulColumnVector(keep));
    }

    @Override
    public void backward(double[] gOut, double[] gDrive, int firstStep, ParamValues dParams) {
        int from = Math.max(0, firstStep);
        long rowsTotal = (long) steps * mb;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray gOutAll = Nd4j.create(dataType, new long[]{rowsTotal, n}, 'c');
            TimeMajor.write(gOut, gOutAll);
            INDArray gDriveAll = Nd4j.zeros(dataType, rowsTotal, n);
            INDArray zeros = Nd4j.zeros(dataType, mb, n);
            INDArray du = Nd4j.zeros(dataType, mb, n);
            INDArray ds = Nd4j.zeros(dataType, mb, n);
            INDArray dw = adaptive ? Nd4j.zeros(dataType, mb, n) : null;
            INDArray dAlpha = Nd4j.zeros(dataType, 1, n);
            INDArray dBeta = Nd4j.zeros(dataType, 1, n);
            INDArray dA = Nd4j.zeros(dataType, 1, n);
            INDArray dB = Nd4j.zeros(dataType, 1, n);
            INDArray vT = recurrent ? v.transpose() : null;
            for (int t = steps - 1; t >= from; t--) {
                INDArray m = rows(mask, t);
                INDArray keep = m.rsub(1.0);
                INDArray uP = previous(u, LifKernel.U, t, zeros);
                INDArray sP = previous(s, LifKernel.S, t, zeros);
                INDArray gs = rows(gOutAll, t).add(ds);
                // gradient reaching u_t; zeroed on padding rows, which neither use nor pass it
                INDArray gu = du.add(gs.muli(spikeFn.derivative(rows(u, t).sub(threshold)))).muliColumnVector(m);
                INDArray gp = gu.mulRowVector(oneMinusAlpha);
                rows(gDriveAll, t).assign(gp);
                dAlpha.addi(gu.mul(uP.sub(sP).subi(rows(pre, t))).sum(true, 0));
                INDArray duNew = gu.mulRowVector(alpha);
                INDArray dsNew = duNew.neg();
                if (adaptive) {
                    INDArray wP = previous(w, LifKernel.W, t, zeros);
                    // u_t depends on w_t through -(1 - a) w_t
                    INDArray gw = dw.sub(gp).muliColumnVector(m);
                    dBeta.addi(gw.mul(wP).sum(true, 0));
                    dA.addi(gw.mul(uP).sum(true, 0));
                    dB.addi(gw.mul(sP).sum(true, 0));
                    duNew.addi(gw.mulRowVector(adaptA));
                    dsNew.addi(gw.mulRowVector(adaptB));
                    dw = carry(gw.mulRowVector(beta), dw, m, keep);
                }
                if (recurrent && t > 0) {
                    dsNew.addi(gp.mmul(vT));
                }
                du = carry(duNew, du, m, keep);
                ds = carry(dsNew, ds, m, keep);
            }
            TimeMajor.read(gDriveAll, gDrive);
            accumulate(dAlpha, dParams.get(LifLayer.ALPHA));
            if (adaptive) {
                accumulate(dBeta, dParams.get(LifLayer.BETA));
                accumulate(dA, dParams.get(LifLayer.A));
                accumulate(dB, dParams.get(LifLayer.B));
            }
        }
    }

    private void accumulate(INDArray sum, double[] into) {
        double[] values = new double[n];
        TimeMajor.read(sum, values);
        for (int j = 0; j < n; j++) {
            into[j] += values[j];
        }
    }

    @Override
    public double[] spikes() {
        return state(LifKernel.S);
    }

    /** Copied to the JVM once per forward pass, on first use. */
    @Override
    public double[] state(int k) {
        if (stateCopies == null) {
            stateCopies = new double[stateCount()][];
        }
        if (stateCopies[k] == null) {
            INDArray src = k == LifKernel.U ? u : k == LifKernel.S ? s : w;
            stateCopies[k] = new double[(int) src.length()];
            TimeMajor.read(src, stateCopies[k]);
        }
        return stateCopies[k];
    }
}
