package org.snnspark.models.engine;

import org.snnspark.models.testutil.KernelParams;
import org.junit.jupiter.api.Test;
import org.snnspark.models.surrogate.Boxcar;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.neuron.lif.LifKernel;

/**
 * The Java kernels cut a minibatch into parts run on several threads: a minibatch large enough to
 * be split gives, sample by sample, what each sample gives alone, and the same bits on every run.
 */
class KernelPartsTest {

    @Test
    void splitMinibatchMatchesSamplesRunAlone() {
        int n = 16, mb = 70, steps = 30;
        assertTrue(LoopKernel.chunkCount(mb) > 1, "the case must exercise the split");
        Random r = new Random(5);
        double[] drive = gaussian(r, mb * steps * n, 2.0);
        double[] gOut = gaussian(r, mb * steps * n, 0.1);
        double[] v = gaussian(r, n * n, 0.3);
        boolean[] valid = new boolean[mb * steps];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < mb; b++) {
                valid[t * mb + b] = t < steps - (b % 7);   // trailing padding of varying length
            }
        }
        LifKernel all = radLif(n, v);
        all.forward(drive, mb, steps, valid);
        double[] gDrive = new double[mb * steps * n];
        double[][] dAll = new double[4][n];
        all.backward(gOut, gDrive, 0, KernelParams.of(all, dAll));

        double[][] dSum = new double[4][n];
        for (int b = 0; b < mb; b++) {
            LifKernel one = radLif(n, v);
            double[] d1 = new double[steps * n], g1 = new double[steps * n], gd1 = new double[steps * n];
            boolean[] v1 = new boolean[steps];
            for (int t = 0; t < steps; t++) {
                System.arraycopy(drive, (t * mb + b) * n, d1, t * n, n);
                System.arraycopy(gOut, (t * mb + b) * n, g1, t * n, n);
                v1[t] = valid[t * mb + b];
            }
            one.forward(d1, 1, steps, v1);
            one.backward(g1, gd1, 0, KernelParams.of(one, dSum));
            for (int t = 0; t < steps; t++) {
                int at = (t * mb + b) * n;
                assertArrayEquals(Arrays.copyOfRange(one.membrane(), t * n, t * n + n),
                        Arrays.copyOfRange(all.membrane(), at, at + n), 1e-12, "u, sample " + b + " step " + t);
                assertArrayEquals(Arrays.copyOfRange(gd1, t * n, t * n + n),
                        Arrays.copyOfRange(gDrive, at, at + n), 1e-12, "gDrive, sample " + b + " step " + t);
            }
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(dSum[i], dAll[i], 1e-9, "parameter gradient " + i);
        }

        // bit-identical on a second run: parts are fixed, their sums are added in order
        double[][] again = new double[4][n];
        double[] gDrive2 = new double[mb * steps * n];
        all.forward(drive, mb, steps, valid);
        all.backward(gOut, gDrive2, 0, KernelParams.of(all, again));
        assertArrayEquals(gDrive, gDrive2, 0.0);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(dAll[i], again[i], 0.0);
        }
    }

    @Test
    void everyIndexRunsOnceAndFailuresReachTheCaller() {
        AtomicIntegerArray seen = new AtomicIntegerArray(1000);
        Parallel.run(1000, 8, (lo, hi, part) -> {
            for (int i = lo; i < hi; i++) {
                seen.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, seen.get(i), "index " + i);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run(100, 4, (lo, hi, part) -> {
            if (part == 3) {
                throw new IllegalStateException("part 3");
            }
        }));
        assertEquals("part 3", e.getMessage());
    }

    private static LifKernel radLif(int n, double[] v) {
        LifKernel k = new LifKernel(n, true, true, 1.0, new Boxcar(0.5));
        double[] a = new double[n], b = new double[n], aa = new double[n], bb = new double[n];
        for (int j = 0; j < n; j++) {
            a[j] = 0.8 + 0.01 * j;
            b[j] = 0.9;
            aa[j] = 0.2 - 0.01 * j;
            bb[j] = 0.5;
        }
        k.setParameters(a, b, aa, bb, v);
        return k;
    }

    private static double[] gaussian(Random r, int len, double scale) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = r.nextGaussian() * scale;
        }
        return x;
    }
}
