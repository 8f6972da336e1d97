package org.snnspark.models.kernel;

import org.snnspark.models.surrogate.SpikeFunction;

import java.util.Arrays;

/**
 * sparch's LIF family (LIF, RLIF, adLIF, RadLIF) as Java loops:
 * <pre>
 *   w_t = b w_{t-1} + A u_{t-1} + B s_{t-1}                               (adaptive only)
 *   u_t = a (u_{t-1} - s_{t-1}) + (1 - a) (drive_t + s_{t-1} V - w_t)      (V: recurrent only)
 *   s_t = f(u_t - threshold)
 * </pre>
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
    }

    @Override
    public void setParameters(double[][] params, double[] v) {
        alpha = params[0];
        if (adaptive) {
            beta = params[1];
            adaptA = params[2];
            adaptB = params[3];
        }
        setRecurrentWeights(v);
    }

    /** Convenience for tests and tools: a [n]; b, A, B [n] (adaptive only); V (recurrent only). */
    public void setParameters(double[] alpha, double[] beta, double[] adaptA, double[] adaptB, double[] v) {
        setParameters(adaptive ? new double[][]{alpha, beta, adaptA, adaptB} : new double[][]{alpha}, v);
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
        double[] uP = prev[U];
        double[] sP = prev[S];
        double[] wP = adaptive ? prev[W] : null;
        double[] u = state[U];
        double[] s = state[S];
        double[] w = adaptive ? state[W] : null;
        for (int j = 0; j < n; j++) {
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
        double[] uP = prev[U];
        double[] sP = prev[S];
        double[] wP = adaptive ? prev[W] : null;
        double[] u = state[U];
        double[] du = adj[U];
        double[] ds = adj[S];
        double[] dw = adaptive ? adj[W] : null;
        double[] dAlpha = dParams[0];
        for (int j = 0; j < n; j++) {
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
        return spikeFn.support(state[U], po, n, threshold, out);
    }

    /** Membrane potentials u (time-major). */
    public double[] membrane() {
        return state[U];
    }

    /** Adaptation variable w (time-major), null for non-adaptive models. */
    public double[] adaptation() {
        return adaptive ? state[W] : null;
    }
}
