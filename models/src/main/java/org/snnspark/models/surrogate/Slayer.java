package org.snnspark.models.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * SLAYER's exponential surrogate as SE-adLIF writes it ({@code SLAYER} in models/helpers.py of
 * IGITUGraz/SE-adlif): derivative c alpha / (2 exp(alpha |x|)), step forward. The reference's SHD
 * runs use alpha = 5 and c = 0.4; c is fixed here (a layer stores one surrogate parameter, alpha).
 */
public final class Slayer extends StepSurrogate {
    /** The reference's c: the derivative's height at 0 is c alpha / 2. */
    public static final double C = 0.4;

    private final double alpha;

    public Slayer(double alpha) {
        this.alpha = positive("SLAYER alpha", alpha);
    }

    /** The decay rate of the derivative in |x|. */
    public double alpha() {
        return alpha;
    }

    @Override
    public double derivative(double x) {
        return C * alpha / (2 * Math.exp(Math.abs(x) * alpha));
    }

    @Override
    public INDArray derivative(INDArray x) {
        return Transforms.exp(Transforms.abs(x, true).muli(alpha), false).muli(2).rdivi(C * alpha);
    }
}
