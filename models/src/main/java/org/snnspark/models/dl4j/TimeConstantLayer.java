package org.snnspark.models.dl4j;

import org.snnspark.models.surrogate.SurrogateKind;

/**
 * A spiking layer whose model states its time constants in time (ms, as the references do) and
 * turns them into per-step decays with the duration of a step, dt: CUBA, ALIF, SE-adLIF.
 */
public abstract class TimeConstantLayer extends BaseSpikingLayer {
    private static final long serialVersionUID = 1L;

    /** The references' step, in the unit of the time constants. */
    public static final double DEFAULT_DT = 1.0;

    private double dt = DEFAULT_DT;

    /** For Jackson. */
    protected TimeConstantLayer() {
    }

    protected TimeConstantLayer(Builder<?> b) {
        super(b);
    }

    /** Duration of one time step, in the unit of the time constants. */
    public double getDt() {
        return dt;
    }

    public void setDt(double dt) {
        this.dt = dt;
    }

    /** The step's duration, in DL4J's builder style. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends BaseSpikingLayer.Builder<T> {
        protected Builder(TimeConstantLayer settings, SurrogateKind surrogate, double threshold) {
            super(settings, surrogate, threshold);
        }

        @Override
        protected TimeConstantLayer settings() {
            return (TimeConstantLayer) super.settings();
        }

        public T dt(double dt) {
            settings().dt = positive("dt", dt);
            return (T) this;
        }
    }
}
