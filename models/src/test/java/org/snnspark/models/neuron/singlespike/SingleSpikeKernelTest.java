package org.snnspark.models.neuron.singlespike;

import org.snnspark.models.testutil.KernelParams;
import org.junit.jupiter.api.Test;
import org.snnspark.models.surrogate.FastSigmoid;
import org.snnspark.models.surrogate.SpikeFunction;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The single-spike kernel against what it claims: at most one spike per neuron and sample, the
 * spikes of a plain sequential LIF without reset that keeps its first crossing (written out below),
 * and an event-driven backward equal to the reference's formulas run step by step.
 */
class SingleSpikeKernelTest {
    private static final SpikeFunction FAST_SIGMOID = new FastSigmoid(100);
    private static final int N = 6;
    private static final int MB = 5;
    private static final int T = 40;

    /** Random drive around the threshold, time-major, some neurons silent, some firing early. */
    private static double[] drive(long seed) {
        Random r = new Random(seed);
        double[] d = new double[T * MB * N];
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.15 * r.nextGaussian() + 0.02 * (i % N);
        }
        return d;
    }

    private static double[] betas() {
        double[] beta = new double[N];
        for (int j = 0; j < N; j++) {
            beta[j] = 0.7 + 0.05 * j;
        }
        return beta;
    }

    /** Padding at the end of sample 1 and a hole in the middle of sample 3. */
    private static boolean[] mask() {
        boolean[] valid = new boolean[T * MB];
        java.util.Arrays.fill(valid, true);
        for (int t = 25; t < T; t++) {
            valid[t * MB + 1] = false;
        }
        for (int t = 10; t < 14; t++) {
            valid[t * MB + 3] = false;
        }
        return valid;
    }

    /**
     * The model as a sequential loop, one neuron at a time: LIF without reset
     * (u = beta u + drive), spike at the first step above threshold, padding steps skipped.
     */
    private static double[] naiveFirstSpikes(double[] drive, double[] beta, boolean[] valid) {
        double[] s = new double[drive.length];
        for (int b = 0; b < MB; b++) {
            for (int j = 0; j < N; j++) {
                double u = 0;
                boolean fired = false;
                for (int t = 0; t < T; t++) {
                    int row = t * MB + b;
                    if (valid != null && !valid[row]) {
                        continue;
                    }
                    u = beta[j] * u + drive[row * N + j];
                    if (!fired && u > 1.0) {
                        s[row * N + j] = 1.0;
                        fired = true;
                    }
                }
            }
        }
        return s;
    }

    @Test
    void membraneChargesWithoutResetAndSpikesOnceAtTheFirstCrossing() {
        SingleSpikeKernel k = new SingleSpikeKernel(1, 0.9, 1.0, FAST_SIGMOID);
        k.setParameters(KernelParams.of(k, new double[0][]), null);
        double[] drive = new double[12];
        java.util.Arrays.fill(drive, 0.2);
        k.forward(drive, 1, 12, null);
        double[] v = k.state(SingleSpikeKernel.MEM);
        for (int t = 0; t < 12; t++) {
            // v_t = 0.2 (1 - 0.9^(t+1)) / (1 - 0.9): first above 1 at step 6 (1.0434), and it keeps rising
            assertEquals(2 * (1 - Math.pow(0.9, t + 1)), v[t], 1e-12, "v at step " + t);
        }
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0}, k.spikes(), 0.0);
        // a counts the crossings (every step from 6 on), b its running sum
        assertEquals(6.0, k.state(SingleSpikeKernel.A)[11], 0.0);
        assertEquals(21.0, k.state(SingleSpikeKernel.B)[11], 0.0);
    }

    @Test
    void everyNeuronSpikesAtMostOnceAndAsTheSequentialLoopDoes() {
        for (long seed = 1; seed <= 20; seed++) {
            double[] d = drive(seed);
            boolean[] valid = seed % 2 == 0 ? mask() : null;
            SingleSpikeKernel k = new SingleSpikeKernel(N, Double.NaN, 1.0, FAST_SIGMOID);
            k.setParameters(KernelParams.of(k, new double[][]{betas()}), null);
            k.forward(d, MB, T, valid);
            double[] s = k.spikes();
            int fired = 0;
            for (int b = 0; b < MB; b++) {
                for (int j = 0; j < N; j++) {
                    double count = 0;
                    for (int t = 0; t < T; t++) {
                        int row = t * MB + b;
                        count += valid == null || valid[row] ? s[row * N + j] : 0;
                    }
                    assertTrue(count <= 1, "neuron " + j + " of sample " + b + " fired " + count + " times");
                    fired += (int) count;
                }
            }
            assertTrue(fired > 0 && fired < MB * N, "some neurons fire, some do not: " + fired);
            double[] expected = naiveFirstSpikes(d, betas(), valid);
            for (int i = 0; i < s.length; i++) {
                int row = i / N;
                if (valid == null || valid[row]) {
                    assertEquals(expected[i], s[i], 0.0, "spike at row " + row + ", neuron " + i % N);
                }
            }
        }
    }

    /**
     * The event-driven backward (only steps before each neuron's crossing) gives exactly what the
     * reference's formulas give step by step, including the gradient of the trained decay and
     * truncated BPTT.
     */
    @Test
    void eventDrivenBackwardEqualsTheGeneralFormulas() {
        Random r = new Random(3);
        for (int firstStep : new int[]{0, 17}) {
            double[] d = drive(7);
            boolean[] valid = mask();
            double[] gOut = new double[d.length];
            for (int i = 0; i < gOut.length; i++) {
                gOut[i] = r.nextGaussian();
            }
            double[][] grads = new double[2][];
            double[][] dBeta = new double[2][N];
            double[][] spikes = new double[2][];
            for (int path = 0; path < 2; path++) {
                SingleSpikeKernel k = new SingleSpikeKernel(N, Double.NaN, 1.0, FAST_SIGMOID, path == 0);
                k.setParameters(KernelParams.of(k, new double[][]{betas()}), null);
                k.forward(d, MB, T, valid);
                spikes[path] = k.spikes().clone();
                grads[path] = new double[d.length];
                double[][] dp = {dBeta[path]};
                k.backward(gOut, grads[path], firstStep, KernelParams.of(k, dp));
            }
            assertArrayEquals(spikes[1], spikes[0], 0.0);
            assertArrayEquals(grads[1], grads[0], 1e-12);
            assertArrayEquals(dBeta[1], dBeta[0], 1e-10);
            // and the gradient is not trivially zero
            assertTrue(java.util.Arrays.stream(grads[0]).anyMatch(g -> Math.abs(g) > 1e-3));
        }
    }

    /** A neuron carried in as having fired (initial a > 0) stays silent and gets no gradient. */
    @Test
    void aNeuronThatFiredBeforeStaysSilent() {
        SingleSpikeKernel k = new SingleSpikeKernel(2, 0.9, 1.0, FAST_SIGMOID);
        k.setParameters(KernelParams.of(k, new double[0][]), null);
        k.setInitialState(new double[][]{{0.5, 0.5}, {1, 0}, {1, 0}, {1, 0}});
        double[] drive = {2, 2, 2, 2};
        k.forward(drive, 1, 2, null);
        assertArrayEquals(new double[]{0, 1, 0, 0}, k.spikes(), 0.0);
        double[] g = new double[4];
        k.backward(new double[]{1, 1, 1, 1}, g, 0, KernelParams.of(k, new double[0][]));
        assertArrayEquals(new double[4], g, 0.0);
    }
}
