package org.snnspark.models.surrogate;


/** Builds the {@link SpikeFunction} a layer configuration names by kind and parameter. */
public final class SpikeFunctions {
    private SpikeFunctions() {
    }

    /**
     * @param kind      which function
     * @param parameter its parameter (see {@link SurrogateKind}); NaN means the kind's default
     */
    public static SpikeFunction create(SurrogateKind kind, double parameter) {
        double p = Double.isNaN(parameter) ? kind.defaultParameter() : parameter;
        switch (kind) {
            case BOXCAR:
                return new Boxcar(p);
            case FAST_SIGMOID:
                return new FastSigmoid(p);
            case ATAN:
                return new ArcTan(p);
            case MULTI_GAUSSIAN:
                return new MultiGaussian(p);
            case SLAYER:
                return new Slayer(p);
            case SMOOTH_SIGMOID:
                return new SmoothSigmoid(p);
            default:
                throw new IllegalArgumentException("no spike function for " + kind);
        }
    }
}
