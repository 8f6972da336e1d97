package org.snnspark.models.kernel;

import org.snnspark.models.surrogate.SpikeFunction;

import java.util.Arrays;

/**
 * The time loop of sparch's LIF family (LIF, RLIF, adLIF, RadLIF), forward and hand-written BPTT,
 * as plain Java loops over time-major arrays (row {@code t * mb + b}, {@code n} neurons per row).
 * <pre>
 *   w_t = b w_{t-1} + A u_{t-1} + B s_{t-1}                               (adaptive only)
 *   u_t = a (u_{t-1} - s_{t-1}) + (1 - a) (drive_t + s_{t-1} V - w_t)      (V: recurrent only)
 *   s_t = f(u_t - threshold)
 * </pre>
 * a, b, A, B are per neuron (already clamped by the caller); V has a zero diagonal. The initial
 * state is zero unless set with {@link #setInitialState} (streaming / truncated BPTT). Padding
 * rows carry the state through ({@link StepMask}).
 * <p>
 * Spikes are mostly zero, so {@code s V} is summed over the rows of V of neurons that fired, and
 * in BPTT the recurrent term {@code g V^T} is only formed where the surrogate derivative of the
 * previous step is non-zero (the only place it is used): event-driven work a dense framework does
 * not exploit. dV itself is one GEMM the caller does ({@link #spikes()} x the drive gradient).
 */
public final class LifKernel {
    private final int n;
    private final boolean recurrent;
    private final boolean adaptive;
    private final double threshold;
    private final SpikeFunction spikeFn;

    private double[] alpha;
    private double[] beta;
    private double[] adaptA;
    private double[] adaptB;
    private double[] v;

    private int mb;
    private int steps;
    private boolean[] valid;
    private double[] u;
    private double[] s;
    private double[] w;
    private double[] pre;
    private double[] u0;
    private double[] s0;
    private double[] w0;
    private double[] zeros;
    private double[] rec;
    private double[] du;
    private double[] dw;
    private double[] ds;

    public LifKernel(int n, boolean recurrent, boolean adaptive, double threshold, SpikeFunction spikeFn) {
        this.n = n;
        this.recurrent = recurrent;
        this.adaptive = adaptive;
        this.threshold = threshold;
        this.spikeFn = spikeFn;
        this.rec = new double[n];
    }

    /**
     * @param alpha  membrane decay a [n]
     * @param beta   adaptation decay b [n] (adaptive only, else ignored)
     * @param adaptA sub-threshold coupling A [n] (adaptive only)
     * @param adaptB spike-triggered coupling B [n] (adaptive only)
     * @param v      recurrent weights, row-major [n, n], row i = effect of neuron i's spike;
     *               its diagonal is ignored (recurrent only)
     */
    public void setParameters(double[] alpha, double[] beta, double[] adaptA, double[] adaptB, double[] v) {
        this.alpha = alpha;
        this.beta = beta;
        this.adaptA = adaptA;
        this.adaptB = adaptB;
        if (recurrent) {
            for (int i = 0; i < n; i++) {
                v[i * n + i] = 0.0;
            }
        }
        this.v = v;
    }

    /** State before the first step, each [mb * n] (or null = zero). */
    public void setInitialState(double[] u0, double[] s0, double[] w0) {
        this.u0 = u0;
        this.s0 = s0;
        this.w0 = w0;
    }

    /** Runs all steps. {@code drive} (time-major, T * mb * n) is only read. */
    public void forward(double[] drive, int mb, int steps, boolean[] valid) {
        this.mb = mb;
        this.steps = steps;
        this.valid = valid;
        int total = mb * steps * n;
        u = Buffers.ensure(u, total);
        s = Buffers.ensure(s, total);
        pre = Buffers.ensure(pre, total);
        if (adaptive) {
            w = Buffers.ensure(w, total);
        }
        zeros = Buffers.zeroed(zeros, (long) mb * n);
        int block = mb * n;
        for (int t = 0; t < steps; t++) {
            boolean first = t == 0;
            for (int b = 0; b < mb; b++) {
                int row = t * mb + b;
                int base = row * n;
                // the previous state: the step before, or the initial state (offset b * n) at t = 0
                double[] uP = first ? orZeros(u0) : u;
                double[] sP = first ? orZeros(s0) : s;
                double[] wP = first ? orZeros(w0) : w;
                int po = first ? b * n : base - block;
                if (valid != null && !valid[row]) {
                    System.arraycopy(uP, po, u, base, n);
                    System.arraycopy(sP, po, s, base, n);
                    if (adaptive) {
                        System.arraycopy(wP, po, w, base, n);
                    }
                    Arrays.fill(pre, base, base + n, 0.0);
                    continue;
                }
                if (recurrent) {
                    recurrentInput(sP, po);
                }
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
        }
    }

    private double[] orZeros(double[] init) {
        return init != null ? init : zeros;
    }

    /** rec = s_prev V, summing the rows of V of the neurons that spiked. */
    private void recurrentInput(double[] sP, int po) {
        Arrays.fill(rec, 0.0);
        for (int i = 0; i < n; i++) {
            double si = sP[po + i];
            if (si != 0.0) {
                int vr = i * n;
                for (int j = 0; j < n; j++) {
                    rec[j] += si * v[vr + j];
                }
            }
        }
    }

    /**
     * BPTT through the last {@link #forward}.
     *
     * @param gOut   dL/ds_t, time-major (padding rows are ignored)
     * @param gDrive out: dL/d(drive_t), time-major, zero on padding rows; this is also the gradient of
     *               the recurrent input s_{t-1} V, so dV = sum_t s_{t-1}^T gDrive_t
     * @param firstStep the earliest step gradients flow back to (0 = full BPTT; truncated BPTT stops
     *               earlier steps from receiving any)
     * @param dAlpha out (accumulated): dL/da per neuron; likewise dBeta, dA, dB (adaptive only)
     */
    public void backward(double[] gOut, double[] gDrive, int firstStep, double[] dAlpha, double[] dBeta,
                         double[] dA, double[] dB) {
        int block = mb * n;
        Arrays.fill(gDrive, 0, Math.max(0, firstStep) * block, 0.0);
        // adjoints of the state (u, w, s) of the step below the one being processed
        du = Buffers.zeroed(du, block);
        dw = Buffers.zeroed(dw, block);
        ds = Buffers.zeroed(ds, block);
        for (int t = steps - 1; t >= Math.max(0, firstStep); t--) {
            boolean first = t == 0;
            for (int b = 0; b < mb; b++) {
                int row = t * mb + b;
                int base = row * n;
                int c = b * n;
                if (valid != null && !valid[row]) {
                    // a padding step is the identity on the state: the adjoints pass through
                    Arrays.fill(gDrive, base, base + n, 0.0);
                    continue;
                }
                double[] uP = first ? orZeros(u0) : u;
                double[] sP = first ? orZeros(s0) : s;
                double[] wP = first ? orZeros(w0) : w;
                int po = first ? c : base - block;
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
                        dBeta[j] += gw * wP[po + j];
                        dA[j] += gw * up;
                        dB[j] += gw * sp;
                        du[c + j] = a * gu + adaptA[j] * gw;
                        dw[c + j] = beta[j] * gw;
                        ds[c + j] = -a * gu + adaptB[j] * gw;
                    } else {
                        du[c + j] = a * gu;
                        ds[c + j] = -a * gu;
                    }
                }
                if (recurrent) {
                    recurrentAdjoint(gDrive, base, uP, po, c);
                }
            }
        }
    }

    /**
     * ds_{t-1} += gDrive_t V^T, only where it will be used: ds reaches the loss solely through the
     * surrogate derivative of that earlier step, so neurons whose derivative is zero are skipped.
     */
    private void recurrentAdjoint(double[] gDrive, int base, double[] uP, int po, int c) {
        for (int i = 0; i < n; i++) {
            if (spikeFn.derivative(uP[po + i] - threshold) == 0.0) {
                continue;
            }
            ds[c + i] += dot(gDrive, base, v, i * n, n);
        }
    }

    /**
     * x[xo .. xo+len) . y[yo .. yo+len) with four partial sums: a single running sum is bound by
     * the latency of each addition (the JIT may not reorder floating-point sums), four are not.
     */
    static double dot(double[] x, int xo, double[] y, int yo, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += x[xo + j] * y[yo + j];
            s1 += x[xo + j + 1] * y[yo + j + 1];
            s2 += x[xo + j + 2] * y[yo + j + 2];
            s3 += x[xo + j + 3] * y[yo + j + 3];
        }
        for (; j < len; j++) {
            s0 += x[xo + j] * y[yo + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Spikes s (time-major; padding rows hold the carried spike state, not output). */
    public double[] spikes() {
        return s;
    }

    /** Membrane potentials u (time-major). */
    public double[] membrane() {
        return u;
    }

    /** Adaptation variable w (time-major), null for non-adaptive models. */
    public double[] adaptation() {
        return adaptive ? w : null;
    }

    public int neurons() {
        return n;
    }
}
