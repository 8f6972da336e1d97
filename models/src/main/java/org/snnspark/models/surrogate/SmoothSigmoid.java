package org.snnspark.models.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * s = sigmoid(k x) with its exact derivative: the smooth stand-in spike function that makes
 * numerical gradient checks of the BPTT code possible (a step has zero numerical derivative almost
 * everywhere). Spikes are then real numbers in (0, 1), which every layer handles exactly.
 */
public final class SmoothSigmoid implements SpikeFunction {
    private final double steepness;

    public SmoothSigmoid(double steepness) {
        if (!(steepness > 0)) {
            throw new IllegalArgumentException("sigmoid steepness must be > 0, got " + steepness);
        }
        this.steepness = steepness;
    }

    @Override
    public double spike(double x) {
        return 1.0 / (1.0 + Math.exp(-steepness * x));
    }

    @Override
    public double derivative(double x) {
        double s = spike(x);
        return steepness * s * (1 - s);
    }

    @Override
    public INDArray spike(INDArray x) {
        return Transforms.sigmoid(x.mul(steepness), false);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray s = spike(x);
        return s.rsub(1.0).muli(s).muli(steepness);
    }

    @Override
    public boolean isBinary() {
        return false;
    }
}
