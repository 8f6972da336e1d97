package org.snnspark.models.engine;

import org.snnspark.models.testutil.KernelParams;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.surrogate.FastSigmoid;
import org.snnspark.models.surrogate.SpikeFunction;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.testutil.LifFixtures;
import org.snnspark.models.neuron.lif.LifKernel;

/**
 * A surrogate whose derivative is nowhere zero takes BPTT's recurrent term as one GEMM per step
 * ({@link DenseAdjoint}) in large layers (forced here); the same surrogate presented as one of
 * bounded support takes the per-neuron path, as it does unforced in a small layer. All must give
 * the same gradients, masks and a stored initial state included.
 */
class DenseAdjointTest {

    /** FastSigmoid that claims bounded support (listing every neuron): forces the per-neuron path. */
    private static final class PerNeuron implements SpikeFunction {
        private final FastSigmoid f = new FastSigmoid(10.0);

        @Override
        public double spike(double x) {
            return f.spike(x);
        }

        @Override
        public double derivative(double x) {
            return f.derivative(x);
        }

        @Override
        public boolean isBinary() {
            return true;
        }

        @Override
        public INDArray spike(INDArray x) {
            return f.spike(x);
        }

        @Override
        public INDArray derivative(INDArray x) {
            return f.derivative(x);
        }

        @Override
        public boolean hasBoundedSupport() {
            return true;
        }
    }

    @Test
    void stepwiseGemmGivesThePerNeuronGradients() {
        int n = 7, mb = 5, steps = 9;
        Random r = new Random(5);
        double[] drive = new double[mb * steps * n];
        double[] gOut = new double[drive.length];
        for (int i = 0; i < drive.length; i++) {
            drive[i] = r.nextGaussian() * 2.5;
            gOut[i] = r.nextGaussian();
        }
        double[] v = new double[n * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() * 0.4;
        }
        double[][] initial = LifFixtures.initialState(r, mb, n);
        boolean[] valid = LifFixtures.paddedFrom(mb, steps, 3, 6);
        double[][] a = run(new FastSigmoid(10.0), true, drive, gOut, v, initial, valid, mb, steps, n);
        double[][] b = run(new PerNeuron(), false, drive, gOut, v, initial, valid, mb, steps, n);
        double[][] small = run(new FastSigmoid(10.0), false, drive, gOut, v, initial, valid, mb, steps, n);
        assertTrue(java.util.Arrays.stream(a[0]).anyMatch(x -> x != 0), "some drive gradient");
        for (int k = 0; k < a.length; k++) {
            assertArrayEquals(b[k], a[k], 1e-12, "result " + k);
            assertArrayEquals(b[k], small[k], "result " + k + ": the per-neuron path, unforced");
        }
    }

    /** RadLIF forward and full BPTT: returns gDrive, dAlpha, db, dA, dB, dV. */
    private static double[][] run(SpikeFunction fn, boolean gemm, double[] drive, double[] gOut, double[] v, double[][] initial,
                                  boolean[] valid, int mb, int steps, int n) {
        LifKernel k = new LifKernel(n, true, true, 1.0, fn);
        if (gemm) {
            k.denseAdjointAlways();
        }
        double[] alpha = new double[n], beta = new double[n], adaptA = new double[n], adaptB = new double[n];
        for (int j = 0; j < n; j++) {
            alpha[j] = 0.8 + 0.02 * j;
            beta[j] = 0.9;
            adaptA[j] = 0.1 * j;
            adaptB[j] = 0.5;
        }
        k.setParameters(alpha, beta, adaptA, adaptB, v);
        k.setInitialState(initial);
        k.forward(drive, mb, steps, valid);
        double[] gDrive = new double[drive.length];
        double[][] dParams = new double[4][n];
        k.backward(gOut, gDrive, 0, KernelParams.of(k, dParams));
        return new double[][]{gDrive, dParams[0], dParams[1], dParams[2], dParams[3], k.recurrentWeightGradient().clone()};
    }
}
