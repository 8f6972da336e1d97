package org.snnspark.models.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Lists the indices of a row whose values pass a test, in increasing order: non-zero inputs for
 * the event-driven products, the neurons that fired, the neurons inside the boxcar surrogate's
 * support. Which values pass is unpredictable, so no scan branches per value. The scalar scans
 * write every index and move the count past it by arithmetic. The SIMD scans take eight values
 * per step: the compare's lanes summed with weights 1, 2, 4, .., 128 give an 8-bit mask, and
 * that mask's row of {@link Simd#LANES_OF_MASK} (its lanes in increasing order) plus the step's
 * first index is stored at the count as it is; the lanes past the mask's bit count are
 * overwritten by the next step, and stay inside n entries (the count never passes the step's
 * first index). Both kinds list the same indices (NaN passes the non-zero test and fails the
 * interval test, -0 is zero): which one runs changes the time only.
 * <p>
 * The mask's table lookup beats the scalar scan at any density; {@code VectorMask.toLong}, the
 * direct way to the mask, is not compiled to one instruction by JDK 17 and loses to the scalar
 * scan, as does a compare per eight values that expands only the groups holding a non-zero value.
 */
final class IndexScan {
    private IndexScan() {
    }

    /** The i < n with {@code x[off + i] != 0}. */
    static int nonZero(float[] x, int off, int n, int[] index) {
        return VectorSupport.ENABLED ? Simd.nonZero(x, off, n, index) : nonZeroScalar(x, off, 0, n, index, 0);
    }

    /** The i < n with {@code x[off + i] != 0}. */
    static int nonZero(double[] x, int off, int n, int[] index) {
        return VectorSupport.ENABLED ? Simd.nonZero(x, off, n, index) : nonZeroScalar(x, off, 0, n, index, 0);
    }

    /**
     * The i < n with {@code d = x[off + i] - shift} in {@code (-halfWidth, halfWidth]}, the
     * arithmetic of the boxcar's derivative, so the two agree at the interval's ends.
     */
    static int inside(double[] x, int off, int n, double shift, double halfWidth, int[] index) {
        return VectorSupport.ENABLED ? Simd.inside(x, off, n, shift, halfWidth, index)
                : insideScalar(x, off, 0, n, shift, halfWidth, index, 0);
    }

    /** Indices {@code from .. to - 1} after the {@code count} listed already; returns the new count. */
    static int nonZeroScalar(float[] x, int off, int from, int to, int[] index, int count) {
        for (int i = from; i < to; i++) {
            index[count] = i;
            // 1 unless the value is +-0 (NaN counts, as x != 0 has it), without a compare
            int magnitude = Float.floatToRawIntBits(x[off + i]) & 0x7fffffff;
            count += (magnitude | -magnitude) >>> 31;
        }
        return count;
    }

    /** Indices {@code from .. to - 1} after the {@code count} listed already; returns the new count. */
    static int nonZeroScalar(double[] x, int off, int from, int to, int[] index, int count) {
        for (int i = from; i < to; i++) {
            index[count] = i;
            long magnitude = Double.doubleToRawLongBits(x[off + i]) & Long.MAX_VALUE;
            count += (int) ((magnitude | -magnitude) >>> 63);
        }
        return count;
    }

    /** Indices {@code from .. to - 1} after the {@code count} listed already; returns the new count. */
    static int insideScalar(double[] x, int off, int from, int to, double shift, double halfWidth, int[] index,
                            int count) {
        for (int i = from; i < to; i++) {
            double d = x[off + i] - shift;
            index[count] = i;
            count += d > -halfWidth & d <= halfWidth ? 1 : 0;
        }
        return count;
    }

    /** Linked only when {@link VectorSupport#ENABLED}. */
    static final class Simd {
        /** For each 8-bit mask, the lanes it holds in increasing order (8 per mask, the rest 0). */
        private static final int[] LANES_OF_MASK = lanesOfMask();
        private static final float[] FLOAT_BITS = {1, 2, 4, 8, 16, 32, 64, 128};
        /** Lane weights of the first and of the second four doubles of a step. */
        private static final double[] LOW_BITS = {1, 2, 4, 8};
        private static final double[] HIGH_BITS = {16, 32, 64, 128};

        private Simd() {
        }

        static int nonZero(float[] x, int off, int n, int[] index) {
            var fs = SimdLanes.EIGHT_FLOATS;
            FloatVector bits = FloatVector.fromArray(fs, FLOAT_BITS, 0);
            FloatVector none = FloatVector.zero(fs);
            int bound = fs.loopBound(n);
            int count = 0;
            int i = 0;
            for (; i < bound; i += 8) {
                VectorMask<Float> pass = FloatVector.fromArray(fs, x, off + i).compare(VectorOperators.NE, 0f);
                // sums of distinct powers of two up to 255: exact in float, in any order
                count = append((int) none.blend(bits, pass).reduceLanes(VectorOperators.ADD), i, index, count);
            }
            return nonZeroScalar(x, off, i, n, index, count);
        }

        static int nonZero(double[] x, int off, int n, int[] index) {
            var ds = SimdLanes.FOUR;
            int bound = n & ~7;
            int count = 0;
            int i = 0;
            for (; i < bound; i += 8) {
                VectorMask<Double> first = DoubleVector.fromArray(ds, x, off + i).compare(VectorOperators.NE, 0.0);
                VectorMask<Double> second = DoubleVector.fromArray(ds, x, off + i + 4).compare(VectorOperators.NE, 0.0);
                count = append(mask(first, second), i, index, count);
            }
            return nonZeroScalar(x, off, i, n, index, count);
        }

        static int inside(double[] x, int off, int n, double shift, double halfWidth, int[] index) {
            var ds = SimdLanes.FOUR;
            int bound = n & ~7;
            int count = 0;
            int i = 0;
            for (; i < bound; i += 8) {
                DoubleVector d0 = DoubleVector.fromArray(ds, x, off + i).sub(shift);
                DoubleVector d1 = DoubleVector.fromArray(ds, x, off + i + 4).sub(shift);
                VectorMask<Double> first = d0.compare(VectorOperators.GT, -halfWidth)
                        .and(d0.compare(VectorOperators.LE, halfWidth));
                VectorMask<Double> second = d1.compare(VectorOperators.GT, -halfWidth)
                        .and(d1.compare(VectorOperators.LE, halfWidth));
                count = append(mask(first, second), i, index, count);
            }
            return insideScalar(x, off, i, n, shift, halfWidth, index, count);
        }

        /** The 8-bit mask of a step of eight doubles, from the masks of its first and last four. */
        private static int mask(VectorMask<Double> first, VectorMask<Double> second) {
            var ds = SimdLanes.FOUR;
            DoubleVector none = DoubleVector.zero(ds);
            // sums of distinct powers of two up to 255: exact, in any order
            return (int) none.blend(DoubleVector.fromArray(ds, LOW_BITS, 0), first)
                    .add(none.blend(DoubleVector.fromArray(ds, HIGH_BITS, 0), second)).reduceLanes(VectorOperators.ADD);
        }

        /** Stores the lanes of {@code mask} plus {@code i} at {@code count}; returns the new count. */
        private static int append(int mask, int i, int[] index, int count) {
            IntVector.fromArray(SimdLanes.EIGHT_INTS, LANES_OF_MASK, mask * 8).add(i).intoArray(index, count);
            return count + Integer.bitCount(mask);
        }

        private static int[] lanesOfMask() {
            int[] lanes = new int[256 * 8];
            for (int mask = 0; mask < 256; mask++) {
                int c = 0;
                for (int lane = 0; lane < 8; lane++) {
                    if ((mask >> lane & 1) != 0) {
                        lanes[mask * 8 + c++] = lane;
                    }
                }
            }
            return lanes;
        }
    }
}
