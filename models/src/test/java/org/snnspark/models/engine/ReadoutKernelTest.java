package org.snnspark.models.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The readout's BPTT against central differences of the loss {@code L = sum gy . y}, with a
 * minibatch large enough to run in several parts on the kernel threads and padding rows in it.
 */
class ReadoutKernelTest {
    private static final int N = 5;
    private static final int MB = 40;
    private static final int STEPS = 7;

    @ParameterizedTest
    @EnumSource(value = ReadoutReduction.class, names = "SPIKE_COUNT", mode = EnumSource.Mode.EXCLUDE)
    void backwardMatchesCentralDifferences(ReadoutReduction reduction) {
        Random rnd = new Random(3);
        double[] alpha = new double[N];
        for (int j = 0; j < N; j++) {
            alpha[j] = 0.6 + 0.3 * rnd.nextDouble();
        }
        double[] drive = new double[STEPS * MB * N];
        for (int i = 0; i < drive.length; i++) {
            drive[i] = rnd.nextGaussian();
        }
        boolean[] valid = new boolean[STEPS * MB];
        for (int row = 0; row < valid.length; row++) {
            int b = row % MB;
            int t = row / MB;
            // every third sample ends early, a few have a masked step in the middle
            valid[row] = !(b % 3 == 0 && t >= STEPS - 2) && !(b % 7 == 1 && t == 3);
        }
        double[] gy = new double[MB * N];
        for (int i = 0; i < gy.length; i++) {
            gy[i] = rnd.nextGaussian();
        }

        ReadoutKernel k = new ReadoutKernel(N, reduction);
        k.setParameters(alpha);
        k.forward(drive, MB, STEPS, valid);
        double[] gDrive = new double[drive.length];
        double[] dAlpha = new double[N];
        k.backward(gy, gDrive, dAlpha);

        DoubleSupplier l = () -> loss(reduction, alpha, drive, valid, gy);
        for (int i = 0; i < drive.length; i += 7) {
            assertEquals(centralDifference(drive, i, l), gDrive[i], 1e-7, "dL/d(drive[" + i + "])");
        }
        for (int j = 0; j < N; j++) {
            assertEquals(centralDifference(alpha, j, l), dAlpha[j], 1e-6, "dL/d(alpha[" + j + "])");
        }
    }

    /** (L(x + h) - L(x - h)) / 2h for x = {@code values[i]}, restored afterwards. */
    private static double centralDifference(double[] values, int i, DoubleSupplier loss) {
        double h = 1e-6;
        double keep = values[i];
        values[i] = keep + h;
        double plus = loss.getAsDouble();
        values[i] = keep - h;
        double minus = loss.getAsDouble();
        values[i] = keep;
        return (plus - minus) / (2 * h);
    }

    /** The same minibatch run as one part (one sample at a time) gives the same bits. */
    @ParameterizedTest
    @EnumSource(value = ReadoutReduction.class, names = "SPIKE_COUNT", mode = EnumSource.Mode.EXCLUDE)
    void outputDoesNotDependOnHowTheMinibatchIsSplit(ReadoutReduction reduction) {
        Random rnd = new Random(11);
        double[] alpha = {0.7, 0.8, 0.9, 0.75, 0.85};
        double[] drive = new double[STEPS * MB * N];
        for (int i = 0; i < drive.length; i++) {
            drive[i] = rnd.nextGaussian();
        }
        ReadoutKernel whole = new ReadoutKernel(N, reduction);
        whole.setParameters(alpha);
        whole.forward(drive, MB, STEPS, null);
        for (int b = 0; b < MB; b++) {
            double[] one = new double[STEPS * N];
            for (int t = 0; t < STEPS; t++) {
                System.arraycopy(drive, (t * MB + b) * N, one, t * N, N);
            }
            ReadoutKernel single = new ReadoutKernel(N, reduction);
            single.setParameters(alpha);
            single.forward(one, 1, STEPS, null);
            double[] expected = single.output();
            double[] actual = new double[N];
            System.arraycopy(whole.output(), b * N, actual, 0, N);
            assertArrayEquals(expected, actual, 0.0, "sample " + b);
        }
    }

    private static double loss(ReadoutReduction reduction, double[] alpha, double[] drive, boolean[] valid,
                               double[] gy) {
        ReadoutKernel k = new ReadoutKernel(N, reduction);
        k.setParameters(alpha);
        k.forward(drive, MB, STEPS, valid);
        double sum = 0;
        double[] y = k.output();
        for (int i = 0; i < gy.length; i++) {
            sum += gy[i] * y[i];
        }
        return sum;
    }
}
