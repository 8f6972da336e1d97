package org.snnspark.models.engine;

/**
 * The two directions of a bidirectional layer as one kernel batch of 2 mb sequences: rows
 * {@code (t, b)} run forward in time, rows {@code (t, mb + b)} run on sample b reversed
 * ({@code T-1-t}). Both share every parameter, as in sparch, where the reversed input is
 * concatenated along the batch; the input GEMM is done once and only its result is mirrored.
 * A reversed padding mask puts padding in front, which the carried-state semantics of
 * {@link StepMask} make harmless.
 */
public final class Directions {
    private Directions() {
    }

    /**
     * Kernel rows from layer rows of {@code width} values: forward rows take values
     * {@code [fwdFrom, fwdFrom + n)} of row (t, b), backward rows values {@code [bwdFrom, bwdFrom + n)}
     * of row (T-1-t, b).
     */
    public static double[] split(double[] src, int width, int fwdFrom, int bwdFrom, int n, int mb, int steps,
                                 double[] buf) {
        double[] dst = Buffers.ensure(buf, 2L * mb * steps * n);
        for (int t = 0; t < steps; t++) {
            int rt = steps - 1 - t;
            for (int b = 0; b < mb; b++) {
                System.arraycopy(src, (t * mb + b) * width + fwdFrom, dst, (t * 2 * mb + b) * n, n);
                System.arraycopy(src, (rt * mb + b) * width + bwdFrom, dst, (t * 2 * mb + mb + b) * n, n);
            }
        }
        return dst;
    }

    /** Kernel-row validity from layer-row validity (null stays null: all valid). */
    public static boolean[] split(boolean[] valid, int mb, int steps) {
        if (valid == null) {
            return null;
        }
        boolean[] out = new boolean[2 * mb * steps];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < mb; b++) {
                out[t * 2 * mb + b] = valid[t * mb + b];
                out[t * 2 * mb + mb + b] = valid[(steps - 1 - t) * mb + b];
            }
        }
        return out;
    }

    /** Layer rows of 2n values: the forward kernel row (t, b), then the backward one for the same step. */
    public static double[] concat(double[] k, int n, int mb, int steps, double[] buf) {
        double[] dst = Buffers.ensure(buf, 2L * mb * steps * n);
        for (int t = 0; t < steps; t++) {
            int rt = steps - 1 - t;
            for (int b = 0; b < mb; b++) {
                int row = (t * mb + b) * 2 * n;
                System.arraycopy(k, (t * 2 * mb + b) * n, dst, row, n);
                System.arraycopy(k, (rt * 2 * mb + mb + b) * n, dst, row + n, n);
            }
        }
        return dst;
    }

    /** Layer rows of n values: the sum of both directions' kernel rows for the same step (adjoint of split). */
    public static double[] fold(double[] k, int n, int mb, int steps, double[] buf) {
        double[] dst = Buffers.ensure(buf, (long) mb * steps * n);
        for (int t = 0; t < steps; t++) {
            int rt = steps - 1 - t;
            for (int b = 0; b < mb; b++) {
                int row = (t * mb + b) * n;
                int fwd = (t * 2 * mb + b) * n;
                int bwd = (rt * 2 * mb + mb + b) * n;
                for (int j = 0; j < n; j++) {
                    dst[row + j] = k[fwd + j] + k[bwd + j];
                }
            }
        }
        return dst;
    }
}
