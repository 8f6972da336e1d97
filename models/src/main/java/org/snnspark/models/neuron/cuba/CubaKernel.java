package org.snnspark.models.neuron.cuba;

import org.snnspark.models.engine.ParamValues;
import jdk.incubator.vector.DoubleVector;
import org.snnspark.models.surrogate.SpikeFunction;
import org.snnspark.models.engine.Buffers;
import org.snnspark.models.engine.LoopKernel;
import org.snnspark.models.engine.SimdLanes;
import org.snnspark.models.engine.SurrogateLanes;

/**
 * Forward and backward pass of the current-based LIF of Zenke's SpyTorch tutorial, in the
 * tutorial's exact order of operations (equations in {@link CubaModel}). The tutorial does not
 * backpropagate through the reset ({@code rst = out.detach()}); that is the default here, and
 * {@code detachReset = false} gives the full gradient (what a numerical check can verify). alpha = exp(-dt/tau_syn) and beta = exp(-dt/tau_mem) are fixed constants, as in
 * the tutorial. No trained per-neuron parameters. State variables: S, M, s.
 */
public final class CubaKernel extends LoopKernel {
    public static final int SYN = 0;
    public static final int MEM = 1;
    public static final int S = 2;

    private final double alpha;
    private final double beta;
    private final double threshold;
    private final boolean detachReset;
    /** M_{t-1} - threshold per row: the argument of the row's spike (it lives in the previous row). */
    private double[] x;

    public CubaKernel(int n, boolean recurrent, double alpha, double beta, double threshold, boolean detachReset,
                      SpikeFunction spikeFn) {
        super(n, recurrent, spikeFn, 3, S);
        this.alpha = alpha;
        this.beta = beta;
        this.threshold = threshold;
        this.detachReset = detachReset;
    }

    @Override
    public void setParameters(ParamValues params, double[] v) {
        setRecurrentWeights(v);
    }

    /** None: alpha and beta are fixed by the time constants, as in the tutorial. */
    @Override
    protected String[] parameterNames() {
        return new String[0];
    }

    @Override
    protected void prepare(int total) {
        x = Buffers.ensure(x, total);
    }

    @Override
    protected void carry(int base, int po, boolean first) {
        // the carried spike keeps its argument (the recurrent adjoint's skip test reads it)
        for (int j = 0; j < n; j++) {
            x[base + j] = first ? -threshold : x[po + j];
        }
    }

    @Override
    protected void step(double[] drive, int base, double[][] prev, int po, double[] rec) {
        int from = simd ? Simd.step(this, drive, base, prev, po, rec) : 0;
        double[] synP = prev[SYN];
        double[] memP = prev[MEM];
        double[] syn = state[SYN];
        double[] mem = state[MEM];
        double[] s = state[S];
        for (int j = from; j < n; j++) {
            double mp = memP[po + j];
            double sp = synP[po + j];
            double xj = mp - threshold;
            double sj = spikeFn.spike(xj);
            double h = drive[base + j];
            if (recurrent) {
                h += rec[j];
            }
            x[base + j] = xj;
            s[base + j] = sj;
            syn[base + j] = alpha * sp + h;
            mem[base + j] = (beta * mp + sp) * (1 - sj);
        }
    }

    @Override
    protected void stepBack(double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                            double[][] dParams) {
        int from = simd ? Simd.stepBack(this, gOut, gDrive, base, prev, po, c) : 0;
        double[] synP = prev[SYN];
        double[] memP = prev[MEM];
        double[] s = state[S];
        double[] dSyn = adj[SYN];
        double[] dMem = adj[MEM];
        double[] ds = adj[S];
        for (int j = from; j < n; j++) {
            double gSyn = dSyn[c + j];
            double gMem = dMem[c + j];
            double gs = gOut[base + j] + ds[c + j];
            double keep = 1 - s[base + j];
            if (!detachReset) {
                gs -= (beta * memP[po + j] + synP[po + j]) * gMem;
            }
            gDrive[base + j] = gSyn;
            double gx = gs * spikeFn.derivative(x[base + j]);
            dMem[c + j] = beta * keep * gMem + gx;
            dSyn[c + j] = keep * gMem + alpha * gSyn;
            // s_{t-1} enters this step only through the recurrence (added by the caller)
            ds[c + j] = 0.0;
        }
    }

    @Override
    protected int derivativeSupport(int po, int[] out) {
        return support(x, po, 0.0, out);
    }

    @Override
    public int membraneState() {
        return MEM;
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
        static int step(CubaKernel k, double[] drive, int base, double[][] prev, int po, double[] rec) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(k.n);
            DoubleVector one = DoubleVector.broadcast(sp, 1.0);
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector mp = DoubleVector.fromArray(sp, prev[MEM], po + j);
                DoubleVector synP = DoubleVector.fromArray(sp, prev[SYN], po + j);
                DoubleVector xj = mp.sub(k.threshold);
                DoubleVector sj = SurrogateLanes.spike(xj);
                DoubleVector h = DoubleVector.fromArray(sp, drive, base + j);
                if (k.recurrent) {
                    h = h.add(DoubleVector.fromArray(sp, rec, j));
                }
                xj.intoArray(k.x, base + j);
                sj.intoArray(k.state[S], base + j);
                synP.mul(k.alpha).add(h).intoArray(k.state[SYN], base + j);
                mp.mul(k.beta).add(synP).mul(one.sub(sj)).intoArray(k.state[MEM], base + j);
            }
            return bound;
        }

        /** Back-steps neurons 0 .. the returned bound - 1 of the row. */
        static int stepBack(CubaKernel k, double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(k.n);
            double[] dx = k.derivatives;
            k.lanes.derivative(k.x, base, dx, c, bound);
            double[] dSyn = k.adj[SYN];
            double[] dMem = k.adj[MEM];
            double[] ds = k.adj[S];
            DoubleVector one = DoubleVector.broadcast(sp, 1.0);
            DoubleVector zero = DoubleVector.zero(sp);
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector gSyn = DoubleVector.fromArray(sp, dSyn, c + j);
                DoubleVector gMem = DoubleVector.fromArray(sp, dMem, c + j);
                DoubleVector gs = DoubleVector.fromArray(sp, gOut, base + j).add(DoubleVector.fromArray(sp, ds, c + j));
                DoubleVector keep = one.sub(DoubleVector.fromArray(sp, k.state[S], base + j));
                if (!k.detachReset) {
                    gs = gs.sub(DoubleVector.fromArray(sp, prev[MEM], po + j).mul(k.beta)
                            .add(DoubleVector.fromArray(sp, prev[SYN], po + j)).mul(gMem));
                }
                gSyn.intoArray(gDrive, base + j);
                DoubleVector gx = gs.mul(DoubleVector.fromArray(sp, dx, c + j));
                keep.mul(k.beta).mul(gMem).add(gx).intoArray(dMem, c + j);
                keep.mul(gMem).add(gSyn.mul(k.alpha)).intoArray(dSyn, c + j);
                zero.intoArray(ds, c + j);
            }
            return bound;
        }
    }
}
