package org.snnspark.models.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;

/** snnTorch's ATan surrogate: derivative (alpha/2) / (1 + (pi/2 alpha x)^2); step forward. */
public final class ArcTan extends StepSurrogate {
    private final double alpha;

    public ArcTan(double alpha) {
        this.alpha = positive("atan alpha", alpha);
    }

    /** The derivative's height is alpha / 2. */
    public double alpha() {
        return alpha;
    }

    @Override
    public double derivative(double x) {
        double z = Math.PI / 2 * alpha * x;
        return alpha / 2 / (1 + z * z);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray z = x.mul(Math.PI / 2 * alpha);
        return z.muli(z).addi(1.0).rdivi(alpha / 2);
    }
}
