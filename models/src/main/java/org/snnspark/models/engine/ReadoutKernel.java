package org.snnspark.models.engine;


import java.util.Arrays;

/**
 * The non-spiking leaky-integrator readout, forward and BPTT, over time-major arrays:
 * <pre>
 *   u_t = a u_{t-1} + (1 - a) drive_t          (u_{-1} = 0; a per output, clamped by the caller)
 *   y   = reduce_t u_t                          (SUM_SOFTMAX, MAX, MEAN or LAST over valid steps)
 * </pre>
 * Padding rows carry u through and never count in the reduction, so LAST is u at the last
 * valid step and a sample with no valid step yields zeros.
 */
public final class ReadoutKernel {
    private final int n;
    private final ReadoutReduction reduction;

    private double[] alpha;
    private int mb;
    private int steps;
    private boolean[] valid;
    private double[] drive;
    private double[] u;
    private double[] y;
    private int[] argmax;
    private double[] validSteps;
    /** SUM_SOFTMAX: each valid row's softmax (time-major), formed forward and read back in backward. */
    private double[] prob;
    private double[] du;
    private double[][] dAlphaParts = new double[0][];

    public ReadoutKernel(int n, ReadoutReduction reduction) {
        this.n = n;
        this.reduction = reduction;
    }

    /** Leak a [n], already clamped. */
    public void setParameters(double[] alpha) {
        this.alpha = alpha;
    }

    /**
     * Runs the integrator and the reduction. {@code drive} (time-major, T * mb * n) is kept by
     * reference for the backward pass.
     */
    public void forward(double[] drive, int mb, int steps, boolean[] valid) {
        this.drive = drive;
        this.mb = mb;
        this.steps = steps;
        this.valid = valid;
        int block = mb * n;
        u = Buffers.ensure(u, (long) block * steps);
        y = Buffers.zeroed(y, block);
        validSteps = Buffers.zeroed(validSteps, mb);
        if (reduction == ReadoutReduction.MAX) {
            argmax = argmax != null && argmax.length >= block ? argmax : new int[block];
            Arrays.fill(argmax, 0, block, -1);
        }
        if (reduction == ReadoutReduction.SUM_SOFTMAX) {
            prob = Buffers.ensure(prob, (long) block * steps);
        }
        // samples are independent: the parts of LoopKernel's time loop, on Parallel's threads
        Parallel.run(mb, LoopKernel.chunkCount(mb), (lo, hi, part) -> forwardSamples(lo, hi));
        finish();
    }

    private void forwardSamples(int lo, int hi) {
        int block = mb * n;
        for (int t = 0; t < steps; t++) {
            for (int b = lo; b < hi; b++) {
                int row = t * mb + b;
                int base = row * n;
                int po = base - block;
                if (valid != null && !valid[row]) {
                    if (t == 0) {
                        Arrays.fill(u, base, base + n, 0.0);
                    } else {
                        System.arraycopy(u, po, u, base, n);
                    }
                    continue;
                }
                validSteps[b] += 1;
                for (int j = 0; j < n; j++) {
                    double a = alpha[j];
                    double up = t == 0 ? 0.0 : u[po + j];
                    u[base + j] = a * up + (1 - a) * drive[base + j];
                }
                accumulate(t, b, base);
            }
        }
    }

    private void accumulate(int t, int b, int base) {
        int c = b * n;
        switch (reduction) {
            case SUM_SOFTMAX:
                softmax(base);
                for (int j = 0; j < n; j++) {
                    y[c + j] += prob[base + j];
                }
                break;
            case MAX:
                for (int j = 0; j < n; j++) {
                    if (argmax[c + j] < 0 || u[base + j] > y[c + j]) {
                        y[c + j] = u[base + j];
                        argmax[c + j] = t;
                    }
                }
                break;
            case MEAN:
                for (int j = 0; j < n; j++) {
                    y[c + j] += u[base + j];
                }
                break;
            case LAST:
                // u is carried through padding, so u at the final row is the last valid value
                break;
            default:
                throw new IllegalStateException("unknown reduction " + reduction);
        }
    }

    private void finish() {
        int block = mb * n;
        if (reduction == ReadoutReduction.MEAN) {
            for (int b = 0; b < mb; b++) {
                double k = validSteps[b];
                for (int j = 0; j < n; j++) {
                    y[b * n + j] = k > 0 ? y[b * n + j] / k : 0.0;
                }
            }
        } else if (reduction == ReadoutReduction.LAST && steps > 0) {
            System.arraycopy(u, (steps - 1) * block, y, 0, block);
        }
    }

    /** prob at row {@code base} = softmax over the n outputs of that row of u. */
    private void softmax(int base) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, u[base + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(u[base + j] - max);
            prob[base + j] = e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            prob[base + j] /= sum;
        }
    }

    /** The reduced output [mb * n], row-major (sample b at {@code b * n}). */
    public double[] output() {
        return y;
    }

    /** Output units (classes). */
    public int neurons() {
        return n;
    }

    /** Membrane trace u (time-major). */
    public double[] membrane() {
        return u;
    }

    /**
     * BPTT through the last {@link #forward}.
     *
     * @param gy     dL/dy [mb * n]
     * @param gDrive out: dL/d(drive), time-major, zero on padding rows (may be the drive array
     *               itself: each row of drive is read before it is overwritten)
     * @param dAlpha out (accumulated): dL/da per output
     */
    public void backward(double[] gy, double[] gDrive, double[] dAlpha) {
        int block = mb * n;
        du = Buffers.zeroed(du, block);
        if (reduction == ReadoutReduction.LAST) {
            System.arraycopy(gy, 0, du, 0, block);
        }
        int parts = LoopKernel.chunkCount(mb);
        if (dAlphaParts.length < parts) {
            dAlphaParts = new double[parts][];
        }
        for (int p = 0; p < parts; p++) {
            dAlphaParts[p] = Buffers.zeroed(dAlphaParts[p], n);
        }
        Parallel.run(mb, parts, (lo, hi, part) -> backwardSamples(gy, gDrive, lo, hi, dAlphaParts[part]));
        // summed in part order: the result does not depend on which thread ran what
        for (int p = 0; p < parts; p++) {
            for (int j = 0; j < n; j++) {
                dAlpha[j] += dAlphaParts[p][j];
            }
        }
    }

    private void backwardSamples(double[] gy, double[] gDrive, int lo, int hi, double[] dAlpha) {
        int block = mb * n;
        for (int t = steps - 1; t >= 0; t--) {
            for (int b = lo; b < hi; b++) {
                int row = t * mb + b;
                int base = row * n;
                int c = b * n;
                if (valid != null && !valid[row]) {
                    Arrays.fill(gDrive, base, base + n, 0.0);
                    continue;
                }
                addDirect(t, b, base, gy);
                for (int j = 0; j < n; j++) {
                    double a = alpha[j];
                    double gu = du[c + j];
                    double up = t == 0 ? 0.0 : u[base - block + j];
                    dAlpha[j] += gu * (up - drive[base + j]);
                    gDrive[base + j] = (1 - a) * gu;
                    du[c + j] = a * gu;
                }
            }
        }
    }

    /** Adds the reduction's direct dL/du_t of row (t, b) to du. */
    private void addDirect(int t, int b, int base, double[] gy) {
        int c = b * n;
        switch (reduction) {
            case SUM_SOFTMAX:
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += gy[c + j] * prob[base + j];
                }
                for (int j = 0; j < n; j++) {
                    du[c + j] += prob[base + j] * (gy[c + j] - dot);
                }
                break;
            case MAX:
                for (int j = 0; j < n; j++) {
                    if (argmax[c + j] == t) {
                        du[c + j] += gy[c + j];
                    }
                }
                break;
            case MEAN:
                double k = validSteps[b];
                for (int j = 0; j < n; j++) {
                    du[c + j] += gy[c + j] / k;
                }
                break;
            case LAST:
                break;
            default:
                throw new IllegalStateException("unknown reduction " + reduction);
        }
    }
}
