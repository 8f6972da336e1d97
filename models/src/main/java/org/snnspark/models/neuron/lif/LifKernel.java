package org.snnspark.models.neuron.lif;

import org.snnspark.models.engine.ParamValues;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import org.snnspark.models.surrogate.Boxcar;
import org.snnspark.models.surrogate.SpikeFunction;

import java.util.Arrays;
import org.snnspark.models.engine.Buffers;
import org.snnspark.models.engine.LoopKernel;
import org.snnspark.models.engine.SimdLanes;

/**
 * sparch's LIF family (LIF, RLIF, adLIF, RadLIF; equations in {@link LifModel}) as Java loops.
 * Parameters, in order: a [n], then for adaptive models b, A, B [n] (clamped by the caller).
 * State variables: u, s, and w (adaptive). sparch's zero diagonal of V is the layer's business.
 */
public final class LifKernel extends LoopKernel {
    public static final int U = 0;
    public static final int S = 1;
    public static final int W = 2;

    private final boolean adaptive;
    private final double threshold;
    private double[] alpha;
    private double[] beta;
    private double[] adaptA;
    private double[] adaptB;
    /** drive + recurrent input - w of each row: what a multiplies in dL/da. */
    private double[] pre;

    public LifKernel(int n, boolean recurrent, boolean adaptive, double threshold, SpikeFunction spikeFn) {
        super(n, recurrent, spikeFn, adaptive ? 3 : 2, S);
        this.adaptive = adaptive;
        this.threshold = threshold;
        // Simd tests the boxcar's interval inline
        this.simd = simd && spikeFn instanceof Boxcar;
    }

    @Override
    public void setParameters(ParamValues params, double[] v) {
        alpha = params.get(LifLayer.ALPHA);
        if (adaptive) {
            beta = params.get(LifLayer.BETA);
            adaptA = params.get(LifLayer.A);
            adaptB = params.get(LifLayer.B);
        }
        setRecurrentWeights(v);
    }

    /** Convenience for tests and tools: a [n]; b, A, B [n] (adaptive only); V (recurrent only). */
    public void setParameters(double[] alpha, double[] beta, double[] adaptA, double[] adaptB, double[] v) {
        ParamValues p = ParamValues.of(LifLayer.ALPHA, alpha);
        if (adaptive) {
            p.with(LifLayer.BETA, beta).with(LifLayer.A, adaptA).with(LifLayer.B, adaptB);
        }
        setParameters(p, v);
    }

    /** a, then for adaptive models b, A, B: the order {@link #stepBack} accumulates in. */
    @Override
    protected String[] parameterNames() {
        return adaptive ? new String[]{LifLayer.ALPHA, LifLayer.BETA, LifLayer.A, LifLayer.B}
                : new String[]{LifLayer.ALPHA};
    }

    @Override
    protected void prepare(int total) {
        pre = Buffers.ensure(pre, total);
    }

    @Override
    protected void carry(int base, int po, boolean first) {
        Arrays.fill(pre, base, base + n, 0.0);
    }

    @Override
    protected void step(double[] drive, int base, double[][] prev, int po, double[] rec) {
        int from = simd ? Simd.step(this, drive, base, prev, po, rec) : 0;
        double[] uP = prev[U];
        double[] sP = prev[S];
        double[] wP = adaptive ? prev[W] : null;
        double[] u = state[U];
        double[] s = state[S];
        double[] w = adaptive ? state[W] : null;
        for (int j = from; j < n; j++) {
            double up = uP[po + j];
            double sp = sP[po + j];
            double p = drive[base + j];
            if (recurrent) {
                p += rec[j];
            }
            if (adaptive) {
                double wj = beta[j] * wP[po + j] + adaptA[j] * up + adaptB[j] * sp;
                w[base + j] = wj;
                p -= wj;
            }
            double a = alpha[j];
            double uj = a * (up - sp) + (1 - a) * p;
            pre[base + j] = p;
            u[base + j] = uj;
            s[base + j] = spikeFn.spike(uj - threshold);
        }
    }

    @Override
    protected void stepBack(double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                            double[][] dParams) {
        int from = simd ? Simd.stepBack(this, gOut, gDrive, base, prev, po, c, dParams) : 0;
        double[] uP = prev[U];
        double[] sP = prev[S];
        double[] wP = adaptive ? prev[W] : null;
        double[] u = state[U];
        double[] du = adj[U];
        double[] ds = adj[S];
        double[] dw = adaptive ? adj[W] : null;
        double[] dAlpha = dParams[0];
        for (int j = from; j < n; j++) {
            double gs = gOut[base + j] + ds[c + j];
            double gu = du[c + j] + gs * spikeFn.derivative(u[base + j] - threshold);
            double a = alpha[j];
            double gp = (1 - a) * gu;
            gDrive[base + j] = gp;
            double up = uP[po + j];
            double sp = sP[po + j];
            dAlpha[j] += gu * (up - sp - pre[base + j]);
            if (adaptive) {
                // u_t depends on w_t through -(1 - a) w_t
                double gw = dw[c + j] - gp;
                dParams[1][j] += gw * wP[po + j];
                dParams[2][j] += gw * up;
                dParams[3][j] += gw * sp;
                du[c + j] = a * gu + adaptA[j] * gw;
                dw[c + j] = beta[j] * gw;
                ds[c + j] = -a * gu + adaptB[j] * gw;
            } else {
                du[c + j] = a * gu;
                ds[c + j] = -a * gu;
            }
        }
    }

    @Override
    protected int derivativeSupport(int po, int[] out) {
        return support(state[U], po, threshold, out);
    }

    /** Membrane potentials u (time-major). */
    public double[] membrane() {
        return state[U];
    }

    /** Adaptation variable w (time-major), null for non-adaptive models. */
    public double[] adaptation() {
        return adaptive ? state[W] : null;
    }
    /**
     * {@link #step} and {@link #stepBack} on SIMD lanes for the boxcar surrogate (step forward,
     * derivative 1 on (-halfWidth, halfWidth]): the same operations in the same order per neuron,
     * so the same bits as the scalar loops, which finish the last n mod lanes neurons. Linked only
     * when {@link VectorSupport#ENABLED}.
     */
    private static final class Simd {
        private Simd() {
        }

        /** Steps neurons 0 .. the returned bound - 1 of the row. */
        static int step(LifKernel k, double[] drive, int base, double[][] prev, int po, double[] rec) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(k.n);
            double[] uP = prev[U];
            double[] sP = prev[S];
            double[] wP = k.adaptive ? prev[W] : null;
            double[] u = k.state[U];
            double[] s = k.state[S];
            double[] w = k.adaptive ? k.state[W] : null;
            DoubleVector one = DoubleVector.broadcast(sp, 1.0);
            DoubleVector zero = DoubleVector.zero(sp);
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector up = DoubleVector.fromArray(sp, uP, po + j);
                DoubleVector sPrev = DoubleVector.fromArray(sp, sP, po + j);
                DoubleVector p = DoubleVector.fromArray(sp, drive, base + j);
                if (k.recurrent) {
                    p = p.add(DoubleVector.fromArray(sp, rec, j));
                }
                if (k.adaptive) {
                    DoubleVector wj = DoubleVector.fromArray(sp, k.beta, j).mul(DoubleVector.fromArray(sp, wP, po + j))
                            .add(DoubleVector.fromArray(sp, k.adaptA, j).mul(up))
                            .add(DoubleVector.fromArray(sp, k.adaptB, j).mul(sPrev));
                    wj.intoArray(w, base + j);
                    p = p.sub(wj);
                }
                DoubleVector a = DoubleVector.fromArray(sp, k.alpha, j);
                DoubleVector uj = a.mul(up.sub(sPrev)).add(one.sub(a).mul(p));
                p.intoArray(k.pre, base + j);
                uj.intoArray(u, base + j);
                // heaviside: a spike for x strictly above 0
                zero.blend(one, uj.sub(k.threshold).compare(jdk.incubator.vector.VectorOperators.GT, 0.0))
                        .intoArray(s, base + j);
            }
            return bound;
        }

        /** Back-steps neurons 0 .. the returned bound - 1 of the row. */
        static int stepBack(LifKernel k, double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                            double[][] dParams) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(k.n);
            double[] uP = prev[U];
            double[] sP = prev[S];
            double[] wP = k.adaptive ? prev[W] : null;
            double[] u = k.state[U];
            double[] du = k.adj[U];
            double[] ds = k.adj[S];
            double[] dw = k.adaptive ? k.adj[W] : null;
            double[] dAlpha = dParams[0];
            DoubleVector one = DoubleVector.broadcast(sp, 1.0);
            DoubleVector zero = DoubleVector.zero(sp);
            for (int j = 0; j < bound; j += sp.length()) {
                DoubleVector gs = DoubleVector.fromArray(sp, gOut, base + j).add(DoubleVector.fromArray(sp, ds, c + j));
                DoubleVector x = DoubleVector.fromArray(sp, u, base + j).sub(k.threshold);
                VectorMask<Double> inside = x.compare(jdk.incubator.vector.VectorOperators.GT, -k.boxcarHalfWidth)
                        .and(x.compare(jdk.incubator.vector.VectorOperators.LE, k.boxcarHalfWidth));
                DoubleVector gu = DoubleVector.fromArray(sp, du, c + j).add(gs.mul(zero.blend(one, inside)));
                DoubleVector a = DoubleVector.fromArray(sp, k.alpha, j);
                DoubleVector gp = one.sub(a).mul(gu);
                gp.intoArray(gDrive, base + j);
                DoubleVector up = DoubleVector.fromArray(sp, uP, po + j);
                DoubleVector sPrev = DoubleVector.fromArray(sp, sP, po + j);
                SimdLanes.accumulate(dAlpha, j, gu.mul(up.sub(sPrev).sub(DoubleVector.fromArray(sp, k.pre, base + j))));
                if (k.adaptive) {
                    DoubleVector gw = DoubleVector.fromArray(sp, dw, c + j).sub(gp);
                    SimdLanes.accumulate(dParams[1], j, gw.mul(DoubleVector.fromArray(sp, wP, po + j)));
                    SimdLanes.accumulate(dParams[2], j, gw.mul(up));
                    SimdLanes.accumulate(dParams[3], j, gw.mul(sPrev));
                    a.mul(gu).add(DoubleVector.fromArray(sp, k.adaptA, j).mul(gw)).intoArray(du, c + j);
                    DoubleVector.fromArray(sp, k.beta, j).mul(gw).intoArray(dw, c + j);
                    // B gw - a gu: the same bits as -a gu + B gw (x - y is x + (-y)), without neg(), which
                    // JDK 17 forms as 0 - x through a path C2 did not always compile to vector code
                    DoubleVector.fromArray(sp, k.adaptB, j).mul(gw).sub(a.mul(gu)).intoArray(ds, c + j);
                } else {
                    a.mul(gu).intoArray(du, c + j);
                    // JDK 17's neg() is 0 - a, so the same bits; written out for the reason above
                    zero.sub(a).mul(gu).intoArray(ds, c + j);
                }
            }
            return bound;
        }
    }
}
