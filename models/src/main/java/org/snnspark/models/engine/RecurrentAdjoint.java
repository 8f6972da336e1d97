package org.snnspark.models.engine;

import jdk.incubator.vector.DoubleVector;

/**
 * The recurrent term of event-driven BPTT for one time-major row: {@code ds[c + i] += g . V[i]}
 * for the listed neurons i, g being the row's drive gradient (n values from {@code g[base]}) and
 * V[i] row i of the recurrent weights. Each dot product is summed in a fixed order: four partial
 * sums, lane l taking the terms j = l mod 4 of the first n - n mod 4, combined as
 * {@code (l0 + l1) + (l2 + l3)}, then the remaining terms in order. The SIMD loop (one 4-lane
 * vector per row, four rows per pass over g) and the scalar loop (the same sixteen sums as
 * locals, which also gives the CPU independent additions to overlap) therefore give the same bits.
 */
final class RecurrentAdjoint {
    private RecurrentAdjoint() {
    }

    static void add(double[] g, int base, int n, double[][] vRows, int[] rows, int count, double[] ds, int c) {
        if (VectorSupport.ENABLED) {
            Simd.add(g, base, n, vRows, rows, count, ds, c);
        } else {
            scalar(g, base, n, vRows, rows, count, ds, c);
        }
    }

    static void scalar(double[] g, int base, int n, double[][] vRows, int[] rows, int count, double[] ds, int c) {
        int bound = n & ~3;
        int k = 0;
        for (; k + 3 < count; k += 4) {
            double[] v0 = vRows[rows[k]], v1 = vRows[rows[k + 1]], v2 = vRows[rows[k + 2]], v3 = vRows[rows[k + 3]];
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            double c0 = 0, c1 = 0, c2 = 0, c3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
            for (int j = 0; j < bound; j += 4) {
                double g0 = g[base + j], g1 = g[base + j + 1], g2 = g[base + j + 2], g3 = g[base + j + 3];
                a0 += g0 * v0[j];
                a1 += g1 * v0[j + 1];
                a2 += g2 * v0[j + 2];
                a3 += g3 * v0[j + 3];
                b0 += g0 * v1[j];
                b1 += g1 * v1[j + 1];
                b2 += g2 * v1[j + 2];
                b3 += g3 * v1[j + 3];
                c0 += g0 * v2[j];
                c1 += g1 * v2[j + 1];
                c2 += g2 * v2[j + 2];
                c3 += g3 * v2[j + 3];
                d0 += g0 * v3[j];
                d1 += g1 * v3[j + 1];
                d2 += g2 * v3[j + 2];
                d3 += g3 * v3[j + 3];
            }
            ds[c + rows[k]] += finish(a0, a1, a2, a3, g, base, v0, bound, n);
            ds[c + rows[k + 1]] += finish(b0, b1, b2, b3, g, base, v1, bound, n);
            ds[c + rows[k + 2]] += finish(c0, c1, c2, c3, g, base, v2, bound, n);
            ds[c + rows[k + 3]] += finish(d0, d1, d2, d3, g, base, v3, bound, n);
        }
        for (; k < count; k++) {
            double[] v0 = vRows[rows[k]];
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (int j = 0; j < bound; j += 4) {
                a0 += g[base + j] * v0[j];
                a1 += g[base + j + 1] * v0[j + 1];
                a2 += g[base + j + 2] * v0[j + 2];
                a3 += g[base + j + 3] * v0[j + 3];
            }
            ds[c + rows[k]] += finish(a0, a1, a2, a3, g, base, v0, bound, n);
        }
    }

    /** Combines the four lane sums and adds the terms from {@code bound} on. */
    private static double finish(double l0, double l1, double l2, double l3, double[] g, int base, double[] v,
                                 int bound, int n) {
        double sum = (l0 + l1) + (l2 + l3);
        for (int j = bound; j < n; j++) {
            sum += g[base + j] * v[j];
        }
        return sum;
    }

    /** The SIMD twin; linked only when {@link VectorSupport#ENABLED}. */
    private static final class Simd {
        private Simd() {
        }

        static void add(double[] g, int base, int n, double[][] vRows, int[] rows, int count, double[] ds, int c) {
            int bound = n & ~3;
            double[] lanes = new double[16];
            int k = 0;
            for (; k + 3 < count; k += 4) {
                double[] v0 = vRows[rows[k]], v1 = vRows[rows[k + 1]], v2 = vRows[rows[k + 2]], v3 = vRows[rows[k + 3]];
                DoubleVector a = DoubleVector.zero(SimdLanes.FOUR), b = a, cc = a, d = a;
                for (int j = 0; j < bound; j += 4) {
                    DoubleVector gj = DoubleVector.fromArray(SimdLanes.FOUR, g, base + j);
                    a = a.add(gj.mul(DoubleVector.fromArray(SimdLanes.FOUR, v0, j)));
                    b = b.add(gj.mul(DoubleVector.fromArray(SimdLanes.FOUR, v1, j)));
                    cc = cc.add(gj.mul(DoubleVector.fromArray(SimdLanes.FOUR, v2, j)));
                    d = d.add(gj.mul(DoubleVector.fromArray(SimdLanes.FOUR, v3, j)));
                }
                // vectors stay in registers only if they never leave this method
                a.intoArray(lanes, 0);
                b.intoArray(lanes, 4);
                cc.intoArray(lanes, 8);
                d.intoArray(lanes, 12);
                ds[c + rows[k]] += finish(lanes[0], lanes[1], lanes[2], lanes[3], g, base, v0, bound, n);
                ds[c + rows[k + 1]] += finish(lanes[4], lanes[5], lanes[6], lanes[7], g, base, v1, bound, n);
                ds[c + rows[k + 2]] += finish(lanes[8], lanes[9], lanes[10], lanes[11], g, base, v2, bound, n);
                ds[c + rows[k + 3]] += finish(lanes[12], lanes[13], lanes[14], lanes[15], g, base, v3, bound, n);
            }
            for (; k < count; k++) {
                double[] v0 = vRows[rows[k]];
                DoubleVector a = DoubleVector.zero(SimdLanes.FOUR);
                for (int j = 0; j < bound; j += 4) {
                    a = a.add(DoubleVector.fromArray(SimdLanes.FOUR, g, base + j)
                            .mul(DoubleVector.fromArray(SimdLanes.FOUR, v0, j)));
                }
                a.intoArray(lanes, 0);
                ds[c + rows[k]] += finish(lanes[0], lanes[1], lanes[2], lanes[3], g, base, v0, bound, n);
            }
        }
    }
}
