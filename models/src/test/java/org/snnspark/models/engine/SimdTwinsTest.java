package org.snnspark.models.engine;

import org.snnspark.models.testutil.KernelParams;
import org.junit.jupiter.api.Test;
import org.snnspark.models.surrogate.ArcTan;
import org.snnspark.models.surrogate.Boxcar;
import org.snnspark.models.surrogate.FastSigmoid;
import org.snnspark.models.surrogate.MultiGaussian;
import org.snnspark.models.surrogate.SmoothSigmoid;
import org.snnspark.models.surrogate.SpikeFunction;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.neuron.alif.AlifKernel;
import org.snnspark.models.neuron.cuba.CubaKernel;
import org.snnspark.models.neuron.leaky.LeakyKernel;
import org.snnspark.models.testutil.LifFixtures;
import org.snnspark.models.neuron.lif.LifKernel;

/**
 * The SIMD loops and their scalar twins compute the same bits: every comparison here is exact.
 * The build starts test JVMs with the Vector API module, so the SIMD side really runs.
 */
class SimdTwinsTest {

    @Test
    void theTestJvmRunsTheSimdLoops() {
        assertTrue(VectorSupport.ENABLED, "test JVMs get --add-modules=jdk.incubator.vector (pom.xml "
                + "snn.jvm.modules): " + VectorSupport.describe());
        assertTrue(VectorSupport.describe().startsWith("on ("), VectorSupport.describe());
    }

    @Test
    void recurrentAdjointDotsAreTheScalarSums() {
        Random r = new Random(11);
        for (int n : new int[]{1, 3, 4, 5, 8, 13, 64, 128, 131}) {
            double[][] vRows = new double[n][n];
            for (double[] row : vRows) {
                for (int j = 0; j < n; j++) {
                    row[j] = r.nextGaussian();
                }
            }
            int base = 7;
            double[] g = new double[base + n + 3];
            for (int j = 0; j < g.length; j++) {
                g[j] = r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3); // magnitudes apart: order matters
            }
            for (int count : new int[]{0, 1, 3, 4, 5, 7, n}) {
                if (count > n) {
                    continue;
                }
                int[] rows = new int[n];
                for (int k = 0, i = 0; k < count; k++, i += n / Math.max(1, count)) {
                    rows[k] = Math.min(n - 1, i);
                }
                int c = 2;
                double[] simd = new double[c + n];
                double[] scalar = new double[c + n];
                for (int i = 0; i < simd.length; i++) {
                    simd[i] = scalar[i] = r.nextGaussian();
                }
                RecurrentAdjoint.add(g, base, n, vRows, rows, count, simd, c);
                RecurrentAdjoint.scalar(g, base, n, vRows, rows, count, scalar, c);
                assertArrayEquals(scalar, simd, "n " + n + ", " + count + " rows");
            }
        }
    }

    @Test
    void eventDrivenProductsAreTheScalarSums() {
        Random r = new Random(12);
        for (int n : new int[]{3, 4, 7, 128, 130}) {
            double[][] m = new double[n][n];
            for (double[] row : m) {
                for (int j = 0; j < n; j++) {
                    row[j] = r.nextGaussian();
                }
            }
            double[] s = new double[n + 2];
            for (int i = 0; i < n; i++) {
                s[2 + i] = r.nextInt(3) == 0 ? 1.0 : 0.0;
            }
            int[] fired = new int[n];
            int count = SpikeProducts.fired(s, 2, n, fired);
            double[] simd = new double[n];
            double[] scalar = new double[n];
            for (int j = 0; j < n; j++) {
                simd[j] = scalar[j] = r.nextGaussian();
            }
            SpikeProducts.addRows(m, fired, count, s, 2, simd);
            SpikeProducts.addRowsScalar(m, fired, count, s, 2, scalar);
            assertArrayEquals(scalar, simd, "s V, n " + n + ", " + count + " spikes");

            double[] g = new double[n];
            for (int j = 0; j < n; j++) {
                g[j] = r.nextGaussian();
            }
            double[][] outSimd = new double[n][];
            double[][] outScalar = new double[n][];
            for (int i = 0; i < n; i++) {
                outSimd[i] = m[i].clone();
                outScalar[i] = m[i].clone();
            }
            SpikeProducts.addOuter(fired, count, s, 2, g, outSimd);
            SpikeProducts.addOuterScalar(fired, count, s, 2, g, outScalar);
            for (int i = 0; i < n; i++) {
                assertArrayEquals(outScalar[i], outSimd[i], "s^T g, n " + n + ", row " + i);
            }
        }
    }

    /**
     * A neuron's row of dV summed over its spikes in registers gives the bits of adding each
     * spike's outer product in turn (SIMD and scalar alike), for widths no multiple of 16 or 4.
     */
    @Test
    void eventSumsAreTheOuterProductsInTurn() {
        Random r = new Random(15);
        for (int width : new int[]{1, 4, 7, 16, 21, 40, 67}) {
            int stride = width + 3, rowsOfG = 30;
            double[] g = new double[rowsOfG * stride];
            for (int i = 0; i < g.length; i++) {
                g[i] = r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3);
            }
            int events = 25;
            int[] rows = new int[events];
            double[] xs = new double[events];
            for (int e = 0; e < events; e++) {
                rows[e] = r.nextInt(rowsOfG);
                xs[e] = r.nextInt(4) == 0 ? 1.25 : 1.0;
            }
            int oo = 3;
            double[] simd = new double[oo + width];
            for (int j = 0; j < simd.length; j++) {
                simd[j] = r.nextGaussian();
            }
            double[] scalar = simd.clone();
            double[][] inTurn = {Arrays.copyOfRange(simd, oo, oo + width)};
            SpikeProducts.addEvents(simd, oo, width, g, stride, rows, xs, 2, events);
            SpikeProducts.addEventsScalar(scalar, oo, width, g, stride, rows, xs, 2, events);
            for (int e = 2; e < events; e++) {
                double[] s = {xs[e]};
                SpikeProducts.addOuterScalar(new int[]{0}, 1, s, 0,
                        Arrays.copyOfRange(g, rows[e] * stride, rows[e] * stride + width), inTurn);
            }
            assertArrayEquals(scalar, simd, "width " + width);
            assertArrayEquals(inTurn[0], Arrays.copyOfRange(simd, oo, oo + width), "width " + width + ", in turn");
        }
    }

    /**
     * Above {@link LoopKernel#DV_IN_WALK_MAX} neurons dV is summed after the walk, neuron by
     * neuron: still every valid row's s_{t-1}^T gDrive_t from the first step asked on, the stored
     * initial spikes at t = 0 included, padding rows left out.
     */
    @Test
    void recurrentWeightGradientAfterTheWalkSumsEverySpike() {
        int n = LoopKernel.DV_IN_WALK_MAX + 5, mb = 40, steps = 6;
        Random r = new Random(16);
        double[] drive = LifFixtures.gaussian(r, mb * steps * n, 0.8);
        double[] gOut = LifFixtures.gaussian(r, drive.length, 1.0);
        double[] v = LifFixtures.gaussian(r, n * n, 0.05);
        double[][] initial = LifFixtures.initialState(r, mb, n);
        boolean[] valid = LifFixtures.paddedFrom(mb, steps, 7, 3);
        for (int firstStep : new int[]{0, 2}) {
            LeakyKernel k = new LeakyKernel(n, true, 0.9, 1.0, false, new ArcTan(2));
            k.setParameters(KernelParams.of(k, new double[0][]), v);
            k.setInitialState(new double[][]{initial[0], initial[1]});
            k.forward(drive, mb, steps, valid);
            double[] gDrive = new double[drive.length];
            k.backward(gOut, gDrive, firstStep, KernelParams.of(k, new double[0][]));
            double[] expected = new double[n * n];
            for (int t = firstStep; t < steps; t++) {
                for (int b = 0; b < mb; b++) {
                    int row = t * mb + b;
                    if (!valid[row]) {
                        continue;
                    }
                    double[] sP = t == 0 ? initial[1] : k.spikes();
                    int po = t == 0 ? b * n : (row - mb) * n;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n && sP[po + i] != 0; j++) {
                            expected[i * n + j] += sP[po + i] * gDrive[row * n + j];
                        }
                    }
                }
            }
            assertArrayEquals(expected, k.recurrentWeightGradient(), 1e-9, "from step " + firstStep);
        }
    }

    /** The float32 forms (layers' input products): rows of width no multiple of 8, into an offset. */
    @Test
    void float32ProductsAreTheScalarSums() {
        Random r = new Random(13);
        for (int n : new int[]{3, 8, 13, 128, 130}) {
            int inputs = 37;
            float[][] m = new float[inputs][n];
            for (float[] row : m) {
                for (int j = 0; j < n; j++) {
                    row[j] = (float) r.nextGaussian();
                }
            }
            float[] s = new float[inputs + 2];
            int[] listed = new int[inputs];
            int count = 0;
            for (int i = 0; i < inputs; i++) {
                if (r.nextInt(3) == 0) {
                    s[2 + i] = r.nextInt(4) == 0 ? 2f : 1f;
                    listed[count++] = i;
                }
            }
            float[] simd = new float[n + 5];
            float[] scalar = new float[n + 5];
            for (int j = 0; j < simd.length; j++) {
                simd[j] = scalar[j] = (float) r.nextGaussian();
            }
            SpikeProducts.addRows(m, listed, count, s, 2, simd, 5, n);
            SpikeProducts.addRowsScalar(m, listed, count, s, 2, scalar, 5, n);
            assertArrayEquals(scalar, simd, "x W, n " + n + ", " + count + " inputs");

            float[] g = new float[n];
            for (int j = 0; j < n; j++) {
                g[j] = (float) r.nextGaussian();
            }
            float[][] outSimd = new float[inputs][];
            float[][] outScalar = new float[inputs][];
            for (int i = 0; i < inputs; i++) {
                outSimd[i] = m[i].clone();
                outScalar[i] = m[i].clone();
            }
            SpikeProducts.addOuter(listed, count, s, 2, g, outSimd);
            SpikeProducts.addOuterScalar(listed, count, s, 2, g, outScalar);
            for (int i = 0; i < inputs; i++) {
                assertArrayEquals(outScalar[i], outSimd[i], "x^T g, n " + n + ", row " + i);
            }
        }
    }

    @Test
    void lifFamilyForwardAndBpttAreTheScalarLoops() {
        for (boolean recurrent : new boolean[]{false, true}) {
            for (boolean adaptive : new boolean[]{false, true}) {
                for (int n : new int[]{5, 12, 128, 130}) {
                    compareLif(recurrent, adaptive, n);
                }
            }
        }
    }

    private static void compareLif(boolean recurrent, boolean adaptive, int n) {
        String what = (recurrent ? "R" : "") + (adaptive ? "adLIF" : "LIF") + " n " + n;
        Random r = new Random(n * 31L + (recurrent ? 1 : 0) + (adaptive ? 2 : 0));
        double[] alpha = new double[n], beta = new double[n], adaptA = new double[n], adaptB = new double[n];
        for (int j = 0; j < n; j++) {
            alpha[j] = 0.6 + 0.35 * r.nextDouble();
            beta[j] = 0.8 + 0.15 * r.nextDouble();
            adaptA[j] = r.nextGaussian() * 0.3;
            adaptB[j] = r.nextDouble() * 2;
        }
        double[][] params = adaptive ? new double[][]{alpha, beta, adaptA, adaptB} : new double[][]{alpha};
        double[][] initial = LifFixtures.initialState(r, mb(), n);
        assertTwins(what, () -> new LifKernel(n, recurrent, adaptive, 1.0, new Boxcar(0.5)), params,
                adaptive ? initial : new double[][]{initial[0], initial[1]}, 1.5, r);
    }

    /** Every spike function with a lane form, and its derivative at points where the forms could differ. */
    @Test
    void surrogateLanesAreTheScalarDerivatives() {
        Random r = new Random(14);
        SpikeFunction[] functions = {new Boxcar(0.5), new FastSigmoid(100), new FastSigmoid(1), new ArcTan(2),
                new MultiGaussian(0.5), new MultiGaussian(0.3)};
        double[] special = {0.0, -0.0, 0.5, -0.5, 0.3, -0.3, 1e-300, -1e-300, 40, -40, 1e6, Double.MIN_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (SpikeFunction f : functions) {
            int n = 64 + special.length + 3;
            double[] x = new double[n + 5];
            for (int i = 0; i < x.length; i++) {
                x[i] = i < special.length ? special[i] : r.nextGaussian() * Math.pow(10, r.nextInt(5) - 2);
            }
            SurrogateLanes lanes = SurrogateLanes.of(f);
            assertTrue(lanes != null, f.getClass().getSimpleName());
            lanes.ensure(n + 7);
            int bound = n & ~3;
            double[] out = new double[bound + 7];
            lanes.derivative(x, 5, out, 7, bound);
            double[] inPlace = x.clone();
            lanes.derivative(inPlace, 5, inPlace, 5, bound);
            for (int j = 0; j < bound; j++) {
                String at = f.getClass().getSimpleName() + " at " + x[5 + j];
                assertEquals(f.derivative(x[5 + j]), out[7 + j], 0.0, at);
                assertEquals(f.derivative(x[5 + j]), inPlace[5 + j], 0.0, at + ", in place");
            }
        }
        assertEquals(null, SurrogateLanes.of(new SmoothSigmoid(1)), "no lane form: the scalar loops run");
    }

    @Test
    void alifForwardAndBpttAreTheScalarLoops() {
        for (int n : new int[]{5, 12, 128, 130}) {
            Random r = new Random(n * 37L);
            double[] alpha = new double[n], rho = new double[n];
            for (int j = 0; j < n; j++) {
                alpha[j] = 0.85 + 0.14 * r.nextDouble();
                rho[j] = 0.95 + 0.049 * r.nextDouble();
            }
            double[][] initial = LifFixtures.initialState(r, mb(), n);
            for (SpikeFunction f : new SpikeFunction[]{new MultiGaussian(0.5), new Boxcar(0.5)}) {
                assertTwins("ALIF n " + n + " " + f.getClass().getSimpleName(),
                        () -> new AlifKernel(n, true, 0.01, 1.8, 1.0, f), new double[][]{alpha, rho},
                        new double[][]{initial[0], initial[2], initial[1]}, 0.6, r);
            }
        }
    }

    @Test
    void cubaForwardAndBpttAreTheScalarLoops() {
        for (boolean recurrent : new boolean[]{false, true}) {
            for (boolean detachReset : new boolean[]{true, false}) {
                for (int n : new int[]{5, 12, 128, 130}) {
                    Random r = new Random(n * 41L + (recurrent ? 1 : 0) + (detachReset ? 2 : 0));
                    double[][] initial = LifFixtures.initialState(r, mb(), n);
                    assertTwins((recurrent ? "R" : "") + "CUBA n " + n + (detachReset ? "" : ", reset attached"),
                            () -> new CubaKernel(n, recurrent, 0.8, 0.9, 1.0, detachReset, new FastSigmoid(100)),
                            new double[0][], new double[][]{initial[2], initial[0], initial[1]}, 0.5, r);
                }
            }
        }
    }

    @Test
    void leakyForwardAndBpttAreTheScalarLoops() {
        for (boolean recurrent : new boolean[]{false, true}) {
            for (boolean trainedBeta : new boolean[]{true, false}) {
                for (int n : new int[]{5, 12, 128, 130}) {
                    Random r = new Random(n * 43L + (recurrent ? 1 : 0) + (trainedBeta ? 2 : 0));
                    double[] beta = new double[n];
                    for (int j = 0; j < n; j++) {
                        beta[j] = 0.7 + 0.29 * r.nextDouble();
                    }
                    double[][] initial = LifFixtures.initialState(r, mb(), n);
                    // the reset's gradient passes when beta is fixed, so both forms of ds run
                    assertTwins((recurrent ? "R" : "") + "Leaky n " + n + (trainedBeta ? ", trained beta" : ""),
                            () -> new LeakyKernel(n, recurrent, trainedBeta ? Double.NaN : 0.9, 1.0, trainedBeta,
                                    new ArcTan(2)),
                            trainedBeta ? new double[][]{beta} : new double[0][],
                            new double[][]{initial[0], initial[1]}, 0.8, r);
                }
            }
        }
    }

    private static int mb() {
        return 6;
    }

    /**
     * Runs two kernels of {@code model}, one with its SIMD loops and one without, over the same
     * random drive (scaled by {@code scale}) with a padded sample, then backward, and asserts that
     * they agree in every bit: states, drive and parameter gradients, and dV when recurrent.
     */
    private static void assertTwins(String what, Supplier<LoopKernel> model, double[][] params,
                                    double[][] initial, double scale, Random r) {
        LoopKernel simd = model.get();
        LoopKernel scalar = model.get();
        scalar.scalarOnly();
        assertTrue(simd.usesSimd(), what);
        assertFalse(scalar.usesSimd(), what);
        int n = simd.neurons(), mb = mb(), steps = 11;
        double[] drive = new double[mb * steps * n];
        double[] gOut = new double[drive.length];
        for (int i = 0; i < drive.length; i++) {
            drive[i] = r.nextGaussian() * scale;
            gOut[i] = r.nextGaussian();
        }
        double[] v = null;
        if (simd.recurrent) {
            v = new double[n * n];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextGaussian() * 0.3;
            }
        }
        boolean[] valid = LifFixtures.paddedFrom(mb, steps, 4, 7); // one sample padded at its end
        double[][] gDrive = new double[2][drive.length];
        double[][][] dParams = new double[2][params.length][n];
        LoopKernel[] kernels = {simd, scalar};
        for (int k = 0; k < 2; k++) {
            kernels[k].setParameters(KernelParams.of(kernels[k], params), v);
            kernels[k].setInitialState(initial);
            kernels[k].forward(drive, mb, steps, valid);
            kernels[k].backward(gOut, gDrive[k], 0, KernelParams.of(kernels[k], dParams[k]));
        }
        double spikes = 0;
        for (double s : simd.spikes()) {
            spikes += s;
        }
        assertTrue(spikes > 0 && spikes < drive.length, what + ": some neurons fire, not all (" + spikes + ")");
        for (int s = 0; s < simd.stateCount(); s++) {
            assertEquals(drive.length, simd.state(s).length, what + ": state " + s);
            assertArrayEquals(scalar.state(s), simd.state(s), what + ": state " + s);
        }
        assertArrayEquals(gDrive[1], gDrive[0], what + ": dL/d drive");
        for (int p = 0; p < params.length; p++) {
            assertArrayEquals(dParams[1][p], dParams[0][p], what + ": parameter " + p);
        }
        if (simd.recurrent) {
            assertArrayEquals(scalar.recurrentWeightGradient(), simd.recurrentWeightGradient(), what + ": dV");
        }
    }
}
