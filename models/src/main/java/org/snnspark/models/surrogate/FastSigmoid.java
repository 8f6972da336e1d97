package org.snnspark.models.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** SuperSpike surrogate of Zenke's tutorial: derivative 1 / (scale |x| + 1)^2; step forward. */
public final class FastSigmoid implements SpikeFunction {
    private final double scale;

    public FastSigmoid(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("fast sigmoid scale must be > 0, got " + scale);
        }
        this.scale = scale;
    }

    /** The slope factor of |x| in the derivative. */
    public double scale() {
        return scale;
    }

    @Override
    public double spike(double x) {
        return SpikeFunction.heaviside(x);
    }

    @Override
    public double derivative(double x) {
        double d = scale * Math.abs(x) + 1.0;
        return 1.0 / (d * d);
    }

    @Override
    public INDArray spike(INDArray x) {
        return SpikeFunction.heaviside(x);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray d = Transforms.abs(x, true).muli(scale).addi(1.0);
        return d.muli(d).rdivi(1.0);
    }

    @Override
    public boolean isBinary() {
        return true;
    }
}
