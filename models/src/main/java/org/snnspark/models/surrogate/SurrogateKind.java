package org.snnspark.models.surrogate;

/**
 * The spike function of a spiking layer: a Heaviside step forward with a surrogate derivative
 * backward, or (for gradient checks only) a smooth sigmoid used exactly in both directions.
 * The meaning of the one numeric parameter a layer stores next to the kind is listed per constant;
 * {@link #defaultParameter()} gives the value the reference implementations use.
 */
public enum SurrogateKind {
    /** sparch: gradient 1 on -w < x <= w; parameter w (half width), default 0.5. */
    BOXCAR(0.5),
    /** SuperSpike / Zenke: gradient 1/(scale |x| + 1)^2; parameter scale, default 100. */
    FAST_SIGMOID(100.0),
    /** snnTorch ATan: gradient (alpha/2) / (1 + (pi/2 alpha x)^2); parameter alpha, default 2. */
    ATAN(2.0),
    /** Yin et al.: a mixture of three Gaussians (sigma 0.5, h 0.15, s 6); parameter sigma, default 0.5. */
    MULTI_GAUSSIAN(0.5),
    /**
     * SLAYER's exponential, as SE-adLIF uses it (Baronig et al.): gradient c alpha / 2 exp(-alpha |x|)
     * with c = 0.4; parameter alpha, default 5.
     */
    SLAYER(5.0),
    /**
     * Not a surrogate: the spike itself becomes sigmoid(k x), and its true derivative is used.
     * Numerical gradient checks need a smooth forward (a step has zero numerical derivative);
     * never meant for training. Parameter k (steepness), default 4.
     */
    SMOOTH_SIGMOID(4.0);

    private final double defaultParameter;

    SurrogateKind(double defaultParameter) {
        this.defaultParameter = defaultParameter;
    }

    /** The parameter value of the reference implementation named in the constant's comment. */
    public double defaultParameter() {
        return defaultParameter;
    }
}
