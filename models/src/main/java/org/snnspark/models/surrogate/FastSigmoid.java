package org.snnspark.models.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** SuperSpike surrogate of Zenke's tutorial: derivative 1 / (scale |x| + 1)^2; step forward. */
public final class FastSigmoid extends StepSurrogate {
    private final double scale;

    public FastSigmoid(double scale) {
        this.scale = positive("fast sigmoid scale", scale);
    }

    /** The slope factor of |x| in the derivative. */
    public double scale() {
        return scale;
    }

    @Override
    public double derivative(double x) {
        double d = scale * Math.abs(x) + 1.0;
        return 1.0 / (d * d);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray d = Transforms.abs(x, true).muli(scale).addi(1.0);
        return d.muli(d).rdivi(1.0);
    }
}
