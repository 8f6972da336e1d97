package org.snnspark.models.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A spike nonlinearity s = f(x) applied to x = u - threshold, and the derivative BPTT uses for it.
 * <p>
 * Implementations are stateless. The scalar forms are what the Java-loop kernels call once per
 * neuron and step; the array forms are the same functions as ND4J operations, for the
 * backend-neutral kernels (CUDA included). Tests hold both forms equal.
 */
public interface SpikeFunction {

    /** The spike emitted for distance-to-threshold {@code x}: 0 or 1 unless {@link #isBinary()} is false. */
    double spike(double x);

    /** ds/dx used by backpropagation: a surrogate for step functions, the true derivative otherwise. */
    double derivative(double x);

    /**
     * True when {@link #spike} only ever returns 0 or 1. The layers skip silent neurons in their
     * event-driven sums either way; this flag only documents what a caller can expect.
     */
    boolean isBinary();

    /** {@link #spike(double)} of every element, as a new array of x's type (x is not modified). */
    INDArray spike(INDArray x);

    /** {@link #derivative(double)} of every element, as a new array of x's type (x is not modified). */
    INDArray derivative(INDArray x);

    /**
     * Writes to {@code out} the indices {@code i < len} where {@link #derivative} of
     * {@code x[off + i] - shift} may be non-zero, in increasing order, and returns their count.
     * Event-driven BPTT forms a spike's recurrent adjoint only there. This default lists every
     * index (a derivative that is nowhere exactly zero); functions of bounded support override it,
     * each with its own loop so the test is inlined where it runs.
     */
    default int support(double[] x, int off, int len, double shift, int[] out) {
        for (int i = 0; i < len; i++) {
            out[i] = i;
        }
        return len;
    }

    /** True when {@link #support} can leave indices out (the derivative vanishes outside an interval). */
    default boolean hasBoundedSupport() {
        return false;
    }

    /** Heaviside step as all the reference implementations write it: a spike for x strictly above 0. */
    static double heaviside(double x) {
        return x > 0 ? 1.0 : 0.0;
    }

    /** {@link #heaviside(double)} of every element. */
    static INDArray heaviside(INDArray x) {
        return x.gt(0.0).castTo(x.dataType());
    }
}
