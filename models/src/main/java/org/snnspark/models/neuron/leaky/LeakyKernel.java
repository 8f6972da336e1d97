package org.snnspark.models.neuron.leaky;

import org.snnspark.models.dl4j.MembraneDecayLayer;
import org.snnspark.models.engine.ParamValues;
import jdk.incubator.vector.DoubleVector;
import org.snnspark.models.surrogate.SpikeFunction;
import org.snnspark.models.engine.LoopKernel;
import org.snnspark.models.engine.SimdLanes;
import org.snnspark.models.engine.SurrogateLanes;

/**
 * Forward and backward pass of snnTorch's Leaky / RLeaky with its defaults (equations in
 * {@link LeakyModel}). beta is clamped to [0, 1] by the caller, per neuron (trained when learn_beta) or one constant.
 * {@code detachReset = false} lets the gradient through the reset (for numerical checks).
 * State variables: mem, s.
 */
public final class LeakyKernel extends LoopKernel {
    public static final int MEM = 0;
    public static final int S = 1;

    private final double threshold;
    private final boolean detachReset;
    private final boolean trainedBeta;
    private double[] beta;

    /**
     * @param fixedBeta the decay of every neuron, or NaN when beta is a trained parameter
     *                  (then the first of {@link #setParameters}' arrays)
     */
    public LeakyKernel(int n, boolean recurrent, double fixedBeta, double threshold, boolean detachReset,
                       SpikeFunction spikeFn) {
        super(n, recurrent, spikeFn, 2, S);
        this.threshold = threshold;
        this.detachReset = detachReset;
        this.trainedBeta = Double.isNaN(fixedBeta);
        if (!trainedBeta) {
            beta = new double[n];
            java.util.Arrays.fill(beta, Math.min(1, Math.max(0, fixedBeta)));
        }
    }

    @Override
    public void setParameters(ParamValues params, double[] v) {
        if (trainedBeta) {
            beta = params.get(MembraneDecayLayer.BETA);
        }
        setRecurrentWeights(v);
    }

    /** beta when it is trained, else none. */
    @Override
    protected String[] parameterNames() {
        return trainedBeta ? new String[]{MembraneDecayLayer.BETA} : new String[0];
    }

    @Override
    protected void step(double[] drive, int base, double[][] prev, int po, double[] rec) {
        int from = simd ? Simd.step(this, drive, base, prev, po, rec) : 0;
        double[] memP = prev[MEM];
        double[] sP = prev[S];
        double[] mem = state[MEM];
        double[] s = state[S];
        for (int j = from; j < n; j++) {
            double m = beta[j] * memP[po + j] + drive[base + j] - sP[po + j] * threshold;
            if (recurrent) {
                m += rec[j];
            }
            mem[base + j] = m;
            s[base + j] = spikeFn.spike(m - threshold);
        }
    }

    @Override
    protected void stepBack(double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                            double[][] dParams) {
        int from = simd ? Simd.stepBack(this, gOut, gDrive, base, prev, po, c, dParams) : 0;
        double[] memP = prev[MEM];
        double[] mem = state[MEM];
        double[] dMem = adj[MEM];
        double[] ds = adj[S];
        for (int j = from; j < n; j++) {
            double gs = gOut[base + j] + ds[c + j];
            double gm = dMem[c + j] + gs * spikeFn.derivative(mem[base + j] - threshold);
            gDrive[base + j] = gm;
            if (trainedBeta) {
                dParams[0][j] += gm * memP[po + j];
            }
            dMem[c + j] = beta[j] * gm;
            ds[c + j] = detachReset ? 0.0 : -threshold * gm;
        }
    }

    @Override
    protected int derivativeSupport(int po, int[] out) {
        return support(state[MEM], po, threshold, out);
    }

    /**
     * {@link #step} and {@link #stepBack} on SIMD lanes: the same operations in the same order per
     * neuron, so the same bits as the scalar loops, which finish the last n mod lanes neurons.
     * Linked only when {@link VectorSupport#ENABLED}.
     */
    private static final class Simd {
        private Simd() {
        }

        /** Steps neurons 0 .. the returned bound - 1 of the row. */
        static int step(LeakyKernel k, double[] drive, int base, double[][] prev, int po, double[] rec) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(k.n);
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector m = DoubleVector.fromArray(sp, k.beta, j).mul(DoubleVector.fromArray(sp, prev[MEM], po + j))
                        .add(DoubleVector.fromArray(sp, drive, base + j))
                        .sub(DoubleVector.fromArray(sp, prev[S], po + j).mul(k.threshold));
                if (k.recurrent) {
                    m = m.add(DoubleVector.fromArray(sp, rec, j));
                }
                m.intoArray(k.state[MEM], base + j);
                SurrogateLanes.spike(m.sub(k.threshold)).intoArray(k.state[S], base + j);
            }
            return bound;
        }

        /** Back-steps neurons 0 .. the returned bound - 1 of the row. */
        static int stepBack(LeakyKernel k, double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                            double[][] dParams) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(k.n);
            double[] mem = k.state[MEM];
            double[] dx = k.derivatives;
            // the spike arguments mem - threshold, then their surrogate derivatives in place
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector.fromArray(sp, mem, base + j).sub(k.threshold).intoArray(dx, c + j);
            }
            k.lanes.derivative(dx, c, dx, c, bound);
            double[] dMem = k.adj[MEM];
            double[] ds = k.adj[S];
            // the reset's gradient: -threshold gm, or none when the reset is detached
            DoubleVector reset = DoubleVector.broadcast(sp, k.detachReset ? 0.0 : -k.threshold);
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector gs = DoubleVector.fromArray(sp, gOut, base + j).add(DoubleVector.fromArray(sp, ds, c + j));
                DoubleVector gm = DoubleVector.fromArray(sp, dMem, c + j).add(gs.mul(DoubleVector.fromArray(sp, dx, c + j)));
                gm.intoArray(gDrive, base + j);
                if (k.trainedBeta) {
                    SimdLanes.accumulate(dParams[0], j, gm.mul(DoubleVector.fromArray(sp, prev[MEM], po + j)));
                }
                DoubleVector.fromArray(sp, k.beta, j).mul(gm).intoArray(dMem, c + j);
                (k.detachReset ? reset : reset.mul(gm)).intoArray(ds, c + j);
            }
            return bound;
        }
    }
}
