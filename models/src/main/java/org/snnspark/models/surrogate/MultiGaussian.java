package org.snnspark.models.surrogate;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The multi-Gaussian surrogate of Yin et al. (2021, ALIF SRNN): a central Gaussian of width sigma
 * scaled by (1 + h), minus two wide (6 sigma) Gaussians at +-sigma scaled by h, all times gamma 0.5.
 * Constants h = 0.15, s = 6, gamma = 0.5 are the paper's; sigma ("lens") is the parameter.
 */
public final class MultiGaussian extends StepSurrogate {
    /** The side Gaussians' height h, their width in sigmas s and the overall factor gamma (the paper's). */
    public static final double HEIGHT = 0.15;
    public static final double WIDE = 6.0;
    public static final double GAMMA = 0.5;
    private final double sigma;

    public MultiGaussian(double sigma) {
        this.sigma = positive("multi-gaussian sigma", sigma);
    }

    /** The central Gaussian's width ("lens"). */
    public double sigma() {
        return sigma;
    }

    @Override
    public double derivative(double x) {
        return GAMMA * (gaussian(x, 0, sigma) * (1 + HEIGHT)
                - gaussian(x, sigma, WIDE * sigma) * HEIGHT
                - gaussian(x, -sigma, WIDE * sigma) * HEIGHT);
    }

    private static double gaussian(double x, double mu, double s) {
        double d = x - mu;
        return Math.exp(-d * d / (2 * s * s)) / Math.sqrt(2 * Math.PI) / s;
    }

    @Override
    public INDArray derivative(INDArray x) {
        return gaussian(x, 0, sigma).muli(GAMMA * (1 + HEIGHT))
                .subi(gaussian(x, sigma, WIDE * sigma).muli(GAMMA * HEIGHT))
                .subi(gaussian(x, -sigma, WIDE * sigma).muli(GAMMA * HEIGHT));
    }

    private static INDArray gaussian(INDArray x, double mu, double s) {
        INDArray d = x.sub(mu);
        return Transforms.exp(d.muli(d).muli(-1.0 / (2 * s * s)), false).muli(1.0 / (Math.sqrt(2 * Math.PI) * s));
    }
}
