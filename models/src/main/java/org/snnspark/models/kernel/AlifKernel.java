package org.snnspark.models.kernel;

import org.snnspark.models.surrogate.SpikeFunction;

/**
 * The adaptive LIF of Yin, Corradi and Bohte (2021), as {@code mem_update_adp} of
 * byin-cwi/Efficient-spiking-networks, SHD/SHD_2layer_ALIF.py (R_m = 1):
 * <pre>
 *   b_t = rho b_{t-1} + (1 - rho) s_{t-1}
 *   B_t = b0 + beta_a b_t                                          (adaptive threshold)
 *   u_t = alpha u_{t-1} + (1 - alpha) (drive_t + s_{t-1} V) - B_t s_{t-1} dt
 *   s_t = f(u_t - B_t)
 * </pre>
 * Parameters, in order: alpha = exp(-dt/tau_m) and rho = exp(-dt/tau_adp) [n] (the layer turns the
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
    public void setParameters(double[][] params, double[] v) {
        alpha = params[0];
        rho = params[1];
        setRecurrentWeights(v);
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
        double[] uP = prev[U];
        double[] bP = prev[B];
        double[] sP = prev[S];
        double[] u = state[U];
        double[] b = state[B];
        double[] s = state[S];
        for (int j = 0; j < n; j++) {
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
        double[] uP = prev[U];
        double[] bP = prev[B];
        double[] sP = prev[S];
        double[] u = state[U];
        double[] b = state[B];
        double[] du = adj[U];
        double[] db = adj[B];
        double[] ds = adj[S];
        for (int j = 0; j < n; j++) {
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
}
