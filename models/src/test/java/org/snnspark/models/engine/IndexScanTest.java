package org.snnspark.models.engine;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Each scan lists exactly the indices its test passes, in increasing order, at widths around the
 * eight values of a SIMD step and at an offset into a longer array; the scalar scans and (when the
 * vector module is present) the SIMD scans alike. Negative zero is no entry and NaN is one (as
 * {@code x != 0} has them); the boxcar's interval excludes its lower end and includes its upper.
 */
class IndexScanTest {
    private static final int[] WIDTHS = {0, 1, 7, 8, 9, 16, 31, 64, 128, 700};
    private static final double[] DENSITIES = {0.0, 0.05, 0.5, 1.0};
    private static final int OFF = 5;

    @Test
    void floatNonZero() {
        Random r = new Random(12);
        for (int n : WIDTHS) {
            for (double density : DENSITIES) {
                float[] x = new float[OFF + n];
                for (int i = 0; i < n; i++) {
                    x[OFF + i] = r.nextDouble() < density ? (float) r.nextGaussian() : 0f;
                }
                special(n, i -> x[OFF + i] = -0f, i -> x[OFF + i] = Float.NaN);
                int[] expected = passing(n, i -> x[OFF + i] != 0f);
                assertScansList(expected, n, out -> IndexScan.nonZeroScalar(x, OFF, 0, n, out, 0),
                        out -> IndexScan.Simd.nonZero(x, OFF, n, out));
            }
        }
    }

    @Test
    void doubleNonZero() {
        Random r = new Random(13);
        for (int n : WIDTHS) {
            for (double density : DENSITIES) {
                double[] x = new double[OFF + n];
                for (int i = 0; i < n; i++) {
                    x[OFF + i] = r.nextDouble() < density ? (r.nextBoolean() ? 1.0 : r.nextGaussian()) : 0.0;
                }
                special(n, i -> x[OFF + i] = -0.0, i -> x[OFF + i] = Double.NaN);
                int[] expected = passing(n, i -> x[OFF + i] != 0.0);
                assertScansList(expected, n, out -> IndexScan.nonZeroScalar(x, OFF, 0, n, out, 0),
                        out -> IndexScan.Simd.nonZero(x, OFF, n, out));
            }
        }
    }

    @Test
    void insideTheBoxcarsInterval() {
        Random r = new Random(14);
        double shift = 1.0;
        double halfWidth = 0.5;
        for (int n : WIDTHS) {
            for (double spread : new double[]{0.1, 1.0, 10.0}) {
                double[] x = new double[OFF + n];
                for (int i = 0; i < n; i++) {
                    x[OFF + i] = shift + r.nextGaussian() * spread;
                }
                // both ends of the interval, as shift +- halfWidth gives them
                special(n, i -> x[OFF + i] = shift - halfWidth, i -> x[OFF + i] = shift + halfWidth);
                if (n > 15) {
                    x[OFF + 2] = Double.NaN;
                    x[OFF + 15] = Double.NaN;
                }
                int[] expected = passing(n, i -> {
                    double d = x[OFF + i] - shift;
                    return d > -halfWidth && d <= halfWidth;
                });
                assertScansList(expected, n, out -> IndexScan.insideScalar(x, OFF, 0, n, shift, halfWidth, out, 0),
                        out -> IndexScan.Simd.inside(x, OFF, n, shift, halfWidth, out));
            }
        }
    }

    /**
     * Puts the special values in both halves of the first two SIMD steps (a step compares its
     * first and its last four doubles apart): the first at 3 and 12, the second at 6 and 9.
     */
    private static void special(int n, At first, At second) {
        if (n > 12) {
            first.at(3);
            first.at(12);
            second.at(6);
            second.at(9);
        }
    }

    @FunctionalInterface
    private interface At {
        void at(int i);
    }

    /** A scan: writes its list of indices to {@code out} and returns their count. */
    @FunctionalInterface
    private interface Scan {
        int into(int[] out);
    }

    /**
     * The scalar scan, and the SIMD one when the vector module is present, each list exactly
     * {@code expected} (out of {@code n} values).
     */
    private static void assertScansList(int[] expected, int n, Scan scalar, Scan simd) {
        int[] out = new int[n];
        assertArrayEquals(expected, head(out, scalar.into(out)), "scalar, n " + n);
        if (VectorSupport.ENABLED) {
            int[] lanes = new int[n];
            assertArrayEquals(expected, head(lanes, simd.into(lanes)), "SIMD, n " + n);
        }
    }

    private static int[] passing(int n, IntPredicate test) {
        return IntStream.range(0, n).filter(test).toArray();
    }

    private static int[] head(int[] index, int count) {
        return Arrays.copyOf(index, count);
    }
}
