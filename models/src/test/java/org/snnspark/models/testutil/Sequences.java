package org.snnspark.models.testutil;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Small deterministic sequence batches for the tests. */
public final class Sequences {
    private Sequences() {
    }

    /** Gaussian features [mb, nIn, T] scaled by {@code scale}, as a plain c-ordered (batch-major) array. */
    public static INDArray features(DataType dt, long seed, int mb, int nIn, int steps, double scale) {
        Random r = new Random(seed);
        INDArray x = Nd4j.create(dt, mb, nIn, steps);
        for (int b = 0; b < mb; b++) {
            for (int i = 0; i < nIn; i++) {
                for (int t = 0; t < steps; t++) {
                    x.putScalar(new long[]{b, i, t}, r.nextGaussian() * scale);
                }
            }
        }
        return x;
    }

    /**
     * Spike counts [mb, nIn, T] like binned spike frames: a fraction {@code density} of the bins
     * holds 1 (most) or 2 spikes, the rest 0.
     */
    public static INDArray spikes(DataType dt, long seed, int mb, int nIn, int steps, double density) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(dt, mb, nIn, steps);
        for (int b = 0; b < mb; b++) {
            for (int i = 0; i < nIn; i++) {
                for (int t = 0; t < steps; t++) {
                    if (r.nextDouble() < density) {
                        x.putScalar(new long[]{b, i, t}, r.nextDouble() < 0.8 ? 1.0 : 2.0);
                    }
                }
            }
        }
        return x;
    }

    /** One-hot labels [mb, nClasses], class of sample b = b mod nClasses. */
    public static INDArray oneHot(DataType dt, int mb, int nClasses) {
        INDArray y = Nd4j.zeros(dt, mb, nClasses);
        for (int b = 0; b < mb; b++) {
            y.putScalar(b, b % nClasses, 1.0);
        }
        return y;
    }

    /** A features mask [mb, T] where sample b has {@code lengths[b]} valid steps at the start. */
    public static INDArray endPaddingMask(DataType dt, int steps, int... lengths) {
        INDArray m = Nd4j.zeros(dt, lengths.length, steps);
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                m.putScalar(b, t, 1.0);
            }
        }
        return m;
    }
}
