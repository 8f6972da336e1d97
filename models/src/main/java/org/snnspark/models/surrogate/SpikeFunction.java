package org.snnspark.models.surrogate;

/**
 * A spike nonlinearity s = f(x) applied to x = u - threshold, and the derivative BPTT uses for it.
 * <p>
 * Implementations are stateless, and called once per neuron and step in the layers' inner loops,
 * so they are plain scalar functions on doubles.
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

    /** Heaviside step as all the reference implementations write it: a spike for x strictly above 0. */
    static double heaviside(double x) {
        return x > 0 ? 1.0 : 0.0;
    }
}
