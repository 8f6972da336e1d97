package org.snnspark.models.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A spike that is the Heaviside step of x = u - threshold, as in every reference implementation,
 * trained through a surrogate derivative of one positive parameter (a width, scale, alpha or
 * sigma): every spike function here but the smooth sigmoid of the gradient checks. A subclass is
 * its derivative, in scalar and array form.
 */
public abstract class StepSurrogate implements SpikeFunction {

    /** {@code value} when it is above 0, else an IllegalArgumentException naming it ({@code what}). */
    protected static double positive(String what, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(what + " must be > 0, got " + value);
        }
        return value;
    }

    @Override
    public final double spike(double x) {
        return SpikeFunction.heaviside(x);
    }

    @Override
    public final INDArray spike(INDArray x) {
        return SpikeFunction.heaviside(x);
    }

    @Override
    public final boolean isBinary() {
        return true;
    }
}
