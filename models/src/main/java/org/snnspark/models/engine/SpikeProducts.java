package org.snnspark.models.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * The products of a binary, sparse spike vector with a dense matrix, done event-driven: work in
 * proportion to the spikes, not to the matrix. These are the recurrent products of the Java
 * kernels ({@link LoopKernel}) for one time-major row:
 * <pre>
 *   forward   rec  = s V             sum of the rows of V of the neurons that fired
 *   backward  dV  += s^T g           g added to the rows of dV of the neurons that fired
 * </pre>
 * A dense framework multiplies every zero; at the 1-20% firing rates of trained networks this
 * does 5-100x less arithmetic, and the bench measures what that is worth against a GEMM.
 * <p>
 * Matrices are arrays of rows, so every array in an inner loop is read at the same index
 * (the forward kernel's loads then stream side by side); the sums run on SIMD lanes where
 * {@link VectorSupport} allows, with scalar twins that give the same bits.
 */
public final class SpikeProducts {
    private SpikeProducts() {
    }

    /**
     * Writes the indices i < n with {@code s[off + i] != 0} to {@code fired} and
     * returns their count ({@link IndexScan}).
     */
    public static int fired(double[] s, int off, int n, int[] fired) {
        return IndexScan.nonZero(s, off, n, fired);
    }

    /**
     * out[j] += sum over k of s[so + fired[k]] m[fired[k]][j], four rows per pass over {@code out}
     * (each element of out loaded and stored once per four rows).
     */
    public static void addRows(double[][] m, int[] fired, int count, double[] s, int so, double[] out) {
        addRows(m, fired, count, s, so, out, 0, out.length);
    }

    /** {@link #addRows} into {@code out[oo .. oo + n)}, for rows of m of (at least) n elements. */
    public static void addRows(double[][] m, int[] fired, int count, double[] s, int so, double[] out, int oo, int n) {
        int from = VectorSupport.ENABLED ? Simd.addRows(m, fired, count, s, so, out, oo, n) : 0;
        addRowsFrom(from, n, m, fired, count, s, so, out, oo);
    }

    /** The scalar twin of {@link #addRows}. */
    static void addRowsScalar(double[][] m, int[] fired, int count, double[] s, int so, double[] out) {
        addRowsFrom(0, out.length, m, fired, count, s, so, out, 0);
    }

    /** {@link #addRows} for the elements {@code from .. n - 1} of the row at {@code out[oo ..]}. */
    private static void addRowsFrom(int from, int n, double[][] m, int[] fired, int count, double[] s, int so,
                                    double[] out, int oo) {
        if (from >= n) {
            return;
        }
        int k = 0;
        for (; k + 3 < count; k += 4) {
            int r0 = fired[k], r1 = fired[k + 1], r2 = fired[k + 2], r3 = fired[k + 3];
            double x0 = s[so + r0], x1 = s[so + r1], x2 = s[so + r2], x3 = s[so + r3];
            double[] m0 = m[r0], m1 = m[r1], m2 = m[r2], m3 = m[r3];
            for (int j = from; j < n; j++) {
                out[oo + j] += x0 * m0[j] + x1 * m1[j] + x2 * m2[j] + x3 * m3[j];
            }
        }
        for (; k < count; k++) {
            int r = fired[k];
            double x = s[so + r];
            double[] mr = m[r];
            for (int j = from; j < n; j++) {
                out[oo + j] += x * mr[j];
            }
        }
    }

    /** out[fired[k]][j] += s[so + fired[k]] g[j] for every listed neuron: the outer product s^T g over spikes. */
    public static void addOuter(int[] fired, int count, double[] s, int so, double[] g, double[][] out) {
        int from = VectorSupport.ENABLED ? Simd.addOuter(fired, count, s, so, g, out) : 0;
        addOuterFrom(from, fired, count, s, so, g, out);
    }

    /** The scalar twin of {@link #addOuter}. */
    static void addOuterScalar(int[] fired, int count, double[] s, int so, double[] g, double[][] out) {
        addOuterFrom(0, fired, count, s, so, g, out);
    }

    private static void addOuterFrom(int from, int[] fired, int count, double[] s, int so, double[] g,
                                     double[][] out) {
        int n = g.length;
        for (int k = 0; k < count; k++) {
            int i = fired[k];
            double x = s[so + i];
            double[] row = out[i];
            for (int j = from; j < n; j++) {
                row[j] += x * g[j];
            }
        }
    }

    /**
     * out[oo + j] += xs[e] g[rows[e] * stride + j] for j < width, each element summing the events
     * e = from .. to - 1 in turn: the outer product s^T g of one neuron's spikes, its row of out
     * held in registers over all of them (sixteen columns at a time) where {@link #addOuter} loads
     * and stores a row of out for every spike. Each element gets the same additions in the same
     * order as from {@link #addOuter} called for the events in turn.
     */
    public static void addEvents(double[] out, int oo, int width, double[] g, int stride, int[] rows, double[] xs,
                                 int from, int to) {
        int done = VectorSupport.ENABLED ? Simd.addEvents(out, oo, width, g, stride, rows, xs, from, to) : 0;
        addEventsFrom(done, out, oo, width, g, stride, rows, xs, from, to);
    }

    /** The scalar twin of {@link #addEvents}. */
    static void addEventsScalar(double[] out, int oo, int width, double[] g, int stride, int[] rows, double[] xs,
                                int from, int to) {
        addEventsFrom(0, out, oo, width, g, stride, rows, xs, from, to);
    }

    private static void addEventsFrom(int done, double[] out, int oo, int width, double[] g, int stride, int[] rows,
                                      double[] xs, int from, int to) {
        for (int j = done; j < width; j++) {
            double sum = out[oo + j];
            for (int e = from; e < to; e++) {
                sum += xs[e] * g[rows[e] * stride + j];
            }
            out[oo + j] = sum;
        }
    }

    /**
     * {@link #addRows} in float32, eight lanes a vector: for float32 layers, whose input product
     * ND4J would otherwise sum in float32 as well; half the memory traffic of the double form.
     */
    public static void addRows(float[][] m, int[] fired, int count, float[] s, int so, float[] out, int oo, int n) {
        int from = VectorSupport.ENABLED ? Simd.addRows(m, fired, count, s, so, out, oo, n) : 0;
        addRowsFrom(from, n, m, fired, count, s, so, out, oo);
    }

    /** The scalar twin of the float32 {@link #addRows}. */
    static void addRowsScalar(float[][] m, int[] fired, int count, float[] s, int so, float[] out, int oo, int n) {
        addRowsFrom(0, n, m, fired, count, s, so, out, oo);
    }

    private static void addRowsFrom(int from, int n, float[][] m, int[] fired, int count, float[] s, int so,
                                    float[] out, int oo) {
        if (from >= n) {
            return;
        }
        int k = 0;
        for (; k + 3 < count; k += 4) {
            int r0 = fired[k], r1 = fired[k + 1], r2 = fired[k + 2], r3 = fired[k + 3];
            float x0 = s[so + r0], x1 = s[so + r1], x2 = s[so + r2], x3 = s[so + r3];
            float[] m0 = m[r0], m1 = m[r1], m2 = m[r2], m3 = m[r3];
            for (int j = from; j < n; j++) {
                out[oo + j] += x0 * m0[j] + x1 * m1[j] + x2 * m2[j] + x3 * m3[j];
            }
        }
        for (; k < count; k++) {
            int r = fired[k];
            float x = s[so + r];
            float[] mr = m[r];
            for (int j = from; j < n; j++) {
                out[oo + j] += x * mr[j];
            }
        }
    }

    /** {@link #addOuter} in float32 (see the float32 {@link #addRows}). */
    public static void addOuter(int[] fired, int count, float[] s, int so, float[] g, float[][] out) {
        int from = VectorSupport.ENABLED ? Simd.addOuter(fired, count, s, so, g, out) : 0;
        addOuterFrom(from, fired, count, s, so, g, out);
    }

    /** The scalar twin of the float32 {@link #addOuter}. */
    static void addOuterScalar(int[] fired, int count, float[] s, int so, float[] g, float[][] out) {
        addOuterFrom(0, fired, count, s, so, g, out);
    }

    private static void addOuterFrom(int from, int[] fired, int count, float[] s, int so, float[] g, float[][] out) {
        int n = g.length;
        for (int k = 0; k < count; k++) {
            int i = fired[k];
            float x = s[so + i];
            float[] row = out[i];
            for (int j = from; j < n; j++) {
                row[j] += x * g[j];
            }
        }
    }

    /** A row-major [rows, cols] matrix as arrays of rows (into {@code into} when its shape fits). */
    public static double[][] rows(double[] matrix, int rows, int cols, double[][] into) {
        double[][] out = into != null && into.length == rows && (rows == 0 || into[0].length == cols)
                ? into : new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(matrix, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /**
     * {@link #addRows} and {@link #addOuter} on SIMD lanes for the elements
     * 0 .. the returned bound - 1 (the scalar loops finish the rest): the same operations per
     * element, the same bits.
     * Linked only when {@link VectorSupport#ENABLED}.
     */
    private static final class Simd {
        private Simd() {
        }

        static int addRows(double[][] m, int[] fired, int count, double[] s, int so, double[] out, int oo, int n) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(n);
            int k = 0;
            for (; k + 3 < count; k += 4) {
                int r0 = fired[k], r1 = fired[k + 1], r2 = fired[k + 2], r3 = fired[k + 3];
                double x0 = s[so + r0], x1 = s[so + r1], x2 = s[so + r2], x3 = s[so + r3];
                double[] m0 = m[r0], m1 = m[r1], m2 = m[r2], m3 = m[r3];
                for (int j = 0; j < bound; j += 4) {
                    DoubleVector.fromArray(sp, out, oo + j).add(DoubleVector.fromArray(sp, m0, j).mul(x0)
                            .add(DoubleVector.fromArray(sp, m1, j).mul(x1))
                            .add(DoubleVector.fromArray(sp, m2, j).mul(x2))
                            .add(DoubleVector.fromArray(sp, m3, j).mul(x3))).intoArray(out, oo + j);
                }
            }
            for (; k < count; k++) {
                int r = fired[k];
                double x = s[so + r];
                double[] mr = m[r];
                for (int j = 0; j < bound; j += 4) {
                    DoubleVector.fromArray(sp, out, oo + j).add(DoubleVector.fromArray(sp, mr, j).mul(x))
                            .intoArray(out, oo + j);
                }
            }
            return bound;
        }

        /** Sixteen columns of out in four vectors over all events, then single vectors. */
        static int addEvents(double[] out, int oo, int width, double[] g, int stride, int[] rows, double[] xs,
                             int from, int to) {
            var sp = SimdLanes.FOUR;
            int j = 0;
            for (; j + 15 < width; j += 16) {
                DoubleVector a0 = DoubleVector.fromArray(sp, out, oo + j), a1 = DoubleVector.fromArray(sp, out, oo + j + 4);
                DoubleVector a2 = DoubleVector.fromArray(sp, out, oo + j + 8), a3 = DoubleVector.fromArray(sp, out, oo + j + 12);
                for (int e = from; e < to; e++) {
                    double x = xs[e];
                    int at = rows[e] * stride + j;
                    a0 = a0.add(DoubleVector.fromArray(sp, g, at).mul(x));
                    a1 = a1.add(DoubleVector.fromArray(sp, g, at + 4).mul(x));
                    a2 = a2.add(DoubleVector.fromArray(sp, g, at + 8).mul(x));
                    a3 = a3.add(DoubleVector.fromArray(sp, g, at + 12).mul(x));
                }
                a0.intoArray(out, oo + j);
                a1.intoArray(out, oo + j + 4);
                a2.intoArray(out, oo + j + 8);
                a3.intoArray(out, oo + j + 12);
            }
            for (; j + 3 < width; j += 4) {
                DoubleVector a = DoubleVector.fromArray(sp, out, oo + j);
                for (int e = from; e < to; e++) {
                    a = a.add(DoubleVector.fromArray(sp, g, rows[e] * stride + j).mul(xs[e]));
                }
                a.intoArray(out, oo + j);
            }
            return j;
        }

        /** Four listed neurons per pass: each vector of g is loaded once for four rows of out. */
        static int addOuter(int[] fired, int count, double[] s, int so, double[] g, double[][] out) {
            var sp = SimdLanes.FOUR;
            int bound = sp.loopBound(g.length);
            int k = 0;
            for (; k + 3 < count; k += 4) {
                int i0 = fired[k], i1 = fired[k + 1], i2 = fired[k + 2], i3 = fired[k + 3];
                double x0 = s[so + i0], x1 = s[so + i1], x2 = s[so + i2], x3 = s[so + i3];
                double[] o0 = out[i0], o1 = out[i1], o2 = out[i2], o3 = out[i3];
                for (int j = 0; j < bound; j += 4) {
                    DoubleVector gj = DoubleVector.fromArray(sp, g, j);
                    DoubleVector.fromArray(sp, o0, j).add(gj.mul(x0)).intoArray(o0, j);
                    DoubleVector.fromArray(sp, o1, j).add(gj.mul(x1)).intoArray(o1, j);
                    DoubleVector.fromArray(sp, o2, j).add(gj.mul(x2)).intoArray(o2, j);
                    DoubleVector.fromArray(sp, o3, j).add(gj.mul(x3)).intoArray(o3, j);
                }
            }
            for (; k < count; k++) {
                int i = fired[k];
                double x = s[so + i];
                double[] row = out[i];
                for (int j = 0; j < bound; j += 4) {
                    DoubleVector.fromArray(sp, row, j).add(DoubleVector.fromArray(sp, g, j).mul(x)).intoArray(row, j);
                }
            }
            return bound;
        }

        static int addRows(float[][] m, int[] fired, int count, float[] s, int so, float[] out, int oo, int n) {
            var sp = SimdLanes.EIGHT_FLOATS;
            int bound = sp.loopBound(n);
            int k = 0;
            for (; k + 3 < count; k += 4) {
                int r0 = fired[k], r1 = fired[k + 1], r2 = fired[k + 2], r3 = fired[k + 3];
                float x0 = s[so + r0], x1 = s[so + r1], x2 = s[so + r2], x3 = s[so + r3];
                float[] m0 = m[r0], m1 = m[r1], m2 = m[r2], m3 = m[r3];
                for (int j = 0; j < bound; j += 8) {
                    FloatVector.fromArray(sp, out, oo + j).add(FloatVector.fromArray(sp, m0, j).mul(x0)
                            .add(FloatVector.fromArray(sp, m1, j).mul(x1))
                            .add(FloatVector.fromArray(sp, m2, j).mul(x2))
                            .add(FloatVector.fromArray(sp, m3, j).mul(x3))).intoArray(out, oo + j);
                }
            }
            for (; k < count; k++) {
                int r = fired[k];
                float x = s[so + r];
                float[] mr = m[r];
                for (int j = 0; j < bound; j += 8) {
                    FloatVector.fromArray(sp, out, oo + j).add(FloatVector.fromArray(sp, mr, j).mul(x))
                            .intoArray(out, oo + j);
                }
            }
            return bound;
        }

        static int addOuter(int[] fired, int count, float[] s, int so, float[] g, float[][] out) {
            var sp = SimdLanes.EIGHT_FLOATS;
            int bound = sp.loopBound(g.length);
            int k = 0;
            for (; k + 3 < count; k += 4) {
                int i0 = fired[k], i1 = fired[k + 1], i2 = fired[k + 2], i3 = fired[k + 3];
                float x0 = s[so + i0], x1 = s[so + i1], x2 = s[so + i2], x3 = s[so + i3];
                float[] o0 = out[i0], o1 = out[i1], o2 = out[i2], o3 = out[i3];
                for (int j = 0; j < bound; j += 8) {
                    FloatVector gj = FloatVector.fromArray(sp, g, j);
                    FloatVector.fromArray(sp, o0, j).add(gj.mul(x0)).intoArray(o0, j);
                    FloatVector.fromArray(sp, o1, j).add(gj.mul(x1)).intoArray(o1, j);
                    FloatVector.fromArray(sp, o2, j).add(gj.mul(x2)).intoArray(o2, j);
                    FloatVector.fromArray(sp, o3, j).add(gj.mul(x3)).intoArray(o3, j);
                }
            }
            for (; k < count; k++) {
                int i = fired[k];
                float x = s[so + i];
                float[] row = out[i];
                for (int j = 0; j < bound; j += 8) {
                    FloatVector.fromArray(sp, row, j).add(FloatVector.fromArray(sp, g, j).mul(x)).intoArray(row, j);
                }
            }
            return bound;
        }
    }
}
