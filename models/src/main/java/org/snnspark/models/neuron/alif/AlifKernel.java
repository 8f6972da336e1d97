package org.snnspark.models.neuron.alif;

import org.snnspark.models.engine.ParamValues;
import jdk.incubator.vector.DoubleVector;
import org.snnspark.models.surrogate.SpikeFunction;
import org.snnspark.models.engine.Buffers;
import org.snnspark.models.engine.LoopKernel;
import org.snnspark.models.engine.SimdLanes;
import org.snnspark.models.engine.SurrogateLanes;

/**
 * Forward and backward pass of the adaptive LIF of Yin, Corradi and Bohte (2021), equations in
 * {@link AlifModel}. Parameters, in order: alpha = exp(-dt/tau_m) and rho = exp(-dt/tau_adp) [n] (the layer turns the
 * trained time constants into these). State variables: u, b, s; b starts at b0 as in Yin's code
 * ({@code self.b_h1 = b_j0} before the loop), u and s at zero.
 */
public final class AlifKernel extends LoopKernel {
    public static final int U = 0;
    public static final int B = 1;
    public static final int S = 2;

    private final double b0;
    private final double betaA;
    private final double dt;
    private double[] alpha;
    private double[] rho;
    /** drive + recurrent input of each row: what alpha multiplies in dL/dalpha. */
    private double[] input;

    public AlifKernel(int n, boolean recurrent, double b0, double betaA, double dt, SpikeFunction spikeFn) {
        super(n, recurrent, spikeFn, 3, S);
        this.b0 = b0;
        this.betaA = betaA;
        this.dt = dt;
    }

    @Override
    public void setParameters(ParamValues params, double[] v) {
        alpha = params.get(AlifLayer.TAU_M);
        rho = params.get(AlifLayer.TAU_ADP);
        setRecurrentWeights(v);
    }

    /** The decays of tau_m and tau_adp, alpha and rho: the order {@link #stepBack} accumulates in. */
    @Override
    protected String[] parameterNames() {
        return new String[]{AlifLayer.TAU_M, AlifLayer.TAU_ADP};
    }

    @Override
    protected double restValue(int k) {
        return k == B ? b0 : 0.0;
    }

    @Override
    protected void prepare(int total) {
        input = Buffers.ensure(input, total);
    }

    @Override
    protected void step(double[] drive, int base, double[][] prev, int po, double[] rec) {
        int from = simd ? Simd.step(this, drive, base, prev, po, rec) : 0;
        double[] uP = prev[U];
        double[] bP = prev[B];
        double[] sP = prev[S];
        double[] u = state[U];
        double[] b = state[B];
        double[] s = state[S];
        for (int j = from; j < n; j++) {
            double sp = sP[po + j];
            double r = rho[j];
            double bj = r * bP[po + j] + (1 - r) * sp;
            double threshold = b0 + betaA * bj;
            double in = drive[base + j];
            if (recurrent) {
                in += rec[j];
            }
            double a = alpha[j];
            double uj = a * uP[po + j] + (1 - a) * in - threshold * sp * dt;
            input[base + j] = in;
            b[base + j] = bj;
            u[base + j] = uj;
            s[base + j] = spikeFn.spike(uj - threshold);
        }
    }

    @Override
    protected void stepBack(double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                            double[][] dParams) {
        int from = simd ? Simd.stepBack(this, gOut, gDrive, base, prev, po, c, dParams) : 0;
        double[] uP = prev[U];
        double[] bP = prev[B];
        double[] sP = prev[S];
        double[] u = state[U];
        double[] b = state[B];
        double[] du = adj[U];
        double[] db = adj[B];
        double[] ds = adj[S];
        for (int j = from; j < n; j++) {
            double sp = sP[po + j];
            double threshold = b0 + betaA * b[base + j];
            double gs = gOut[base + j] + ds[c + j];
            double gx = gs * spikeFn.derivative(u[base + j] - threshold);
            double gu = du[c + j] + gx;
            // B_t lowers the spike argument and scales the reset
            double gThreshold = -gx - gu * sp * dt;
            double gb = db[c + j] + betaA * gThreshold;
            double a = alpha[j];
            double r = rho[j];
            gDrive[base + j] = (1 - a) * gu;
            dParams[0][j] += gu * (uP[po + j] - input[base + j]);
            dParams[1][j] += gb * (bP[po + j] - sp);
            du[c + j] = a * gu;
            db[c + j] = r * gb;
            ds[c + j] = -gu * threshold * dt + (1 - r) * gb;
        }
    }

    @Override
    protected int derivativeSupport(int po, int[] out) {
        int count = 0;
        double[] u = state[U];
        double[] b = state[B];
        for (int i = 0; i < n; i++) {
            // the threshold adapts per neuron, so the support is tested element by element
            if (spikeFn.derivative(u[po + i] - (b0 + betaA * b[po + i])) != 0.0) {
                out[count++] = i;
            }
        }
        return count;
    }

    /**
     * {@link #step} and {@link #stepBack} on SIMD lanes: the same operations in the same order per
     * neuron, so the same bits as the scalar loops, which finish the last n mod lanes neurons.
     * Negations are products with -1 (exact, signed zeros included), not JDK 17's neg(), which C2
     * did not always compile to vector code. Linked only when {@link VectorSupport#ENABLED}.
     */
    private static final class Simd {
        private Simd() {
        }

        /** Steps neurons 0 .. the returned bound - 1 of the row. */
        static int step(AlifKernel k, double[] drive, int base, double[][] prev, int po, double[] rec) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(k.n);
            DoubleVector one = DoubleVector.broadcast(sp, 1.0);
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector sPrev = DoubleVector.fromArray(sp, prev[S], po + j);
                DoubleVector r = DoubleVector.fromArray(sp, k.rho, j);
                DoubleVector bj = r.mul(DoubleVector.fromArray(sp, prev[B], po + j)).add(one.sub(r).mul(sPrev));
                DoubleVector threshold = bj.mul(k.betaA).add(k.b0);
                DoubleVector in = DoubleVector.fromArray(sp, drive, base + j);
                if (k.recurrent) {
                    in = in.add(DoubleVector.fromArray(sp, rec, j));
                }
                DoubleVector a = DoubleVector.fromArray(sp, k.alpha, j);
                DoubleVector uj = a.mul(DoubleVector.fromArray(sp, prev[U], po + j)).add(one.sub(a).mul(in))
                        .sub(threshold.mul(sPrev).mul(k.dt));
                in.intoArray(k.input, base + j);
                bj.intoArray(k.state[B], base + j);
                uj.intoArray(k.state[U], base + j);
                SurrogateLanes.spike(uj.sub(threshold)).intoArray(k.state[S], base + j);
            }
            return bound;
        }

        /** Back-steps neurons 0 .. the returned bound - 1 of the row. */
        static int stepBack(AlifKernel k, double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                            double[][] dParams) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(k.n);
            double[] u = k.state[U];
            double[] b = k.state[B];
            double[] dx = k.derivatives;
            // the spike arguments u - B, then their surrogate derivatives in place
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector.fromArray(sp, u, base + j).sub(threshold(k, b, base + j)).intoArray(dx, c + j);
            }
            k.lanes.derivative(dx, c, dx, c, bound);
            double[] sP = prev[S];
            double[] du = k.adj[U];
            double[] db = k.adj[B];
            double[] ds = k.adj[S];
            DoubleVector one = DoubleVector.broadcast(sp, 1.0);
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector sPrev = DoubleVector.fromArray(sp, sP, po + j);
                DoubleVector threshold = threshold(k, b, base + j);
                DoubleVector gs = DoubleVector.fromArray(sp, gOut, base + j).add(DoubleVector.fromArray(sp, ds, c + j));
                DoubleVector gx = gs.mul(DoubleVector.fromArray(sp, dx, c + j));
                DoubleVector gu = DoubleVector.fromArray(sp, du, c + j).add(gx);
                DoubleVector gThreshold = gx.mul(-1.0).sub(gu.mul(sPrev).mul(k.dt));
                DoubleVector gb = DoubleVector.fromArray(sp, db, c + j).add(gThreshold.mul(k.betaA));
                DoubleVector a = DoubleVector.fromArray(sp, k.alpha, j);
                DoubleVector r = DoubleVector.fromArray(sp, k.rho, j);
                one.sub(a).mul(gu).intoArray(gDrive, base + j);
                SimdLanes.accumulate(dParams[0], j, gu.mul(DoubleVector.fromArray(sp, prev[U], po + j)
                        .sub(DoubleVector.fromArray(sp, k.input, base + j))));
                SimdLanes.accumulate(dParams[1], j, gb.mul(DoubleVector.fromArray(sp, prev[B], po + j).sub(sPrev)));
                a.mul(gu).intoArray(du, c + j);
                r.mul(gb).intoArray(db, c + j);
                gu.mul(-1.0).mul(threshold).mul(k.dt).add(one.sub(r).mul(gb)).intoArray(ds, c + j);
            }
            return bound;
        }

        /** B = b0 + beta_a b of four neurons. */
        private static DoubleVector threshold(AlifKernel k, double[] b, int at) {
            return DoubleVector.fromArray(SimdLanes.FOUR, b, at).mul(k.betaA).add(k.b0);
        }
    }
}
