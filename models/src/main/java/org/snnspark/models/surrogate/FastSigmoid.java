package org.snnspark.models.surrogate;

/** SuperSpike surrogate of Zenke's tutorial: derivative 1 / (scale |x| + 1)^2; step forward. */
public final class FastSigmoid implements SpikeFunction {
    private final double scale;

    public FastSigmoid(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("fast sigmoid scale must be > 0, got " + scale);
        }
        this.scale = scale;
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
    public boolean isBinary() {
        return true;
    }
}
