package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.engine.RateBand;
import org.snnspark.models.engine.SynapticDelays;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.surrogate.SpikeFunction;
import org.snnspark.models.surrogate.SpikeFunctions;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every spiking layer configuration here shares, whatever its neuron model: [minibatch,
 * channels, time] input, spikes of the same layout out; input weights W and optional bias, optional
 * recurrent weights V, optional batch-norm of W x over batch x time, optional bidirectional
 * processing (the reversed sequence through the same parameters, sparch's), dropout of the emitted
 * spikes (inverted: kept spikes are scaled by 1 / (1 - p)), a spike function with its surrogate,
 * and a threshold. One implementation ({@link SpikingLayerImpl}) serves all models; a subclass
 * names its model's trained per-neuron parameters, state variables, recurrent initialisation and
 * kernel.
 * <p>
 * A plain bean for Jackson (DL4J ships configurations to Spark executors as JSON): public no-arg
 * constructor, getters and setters for every field; model hooks are not named like getters, so
 * they stay out of the JSON.
 */
public abstract class BaseSpikingLayer extends BaseRecurrentLayer implements DelayedLayer {
    private static final long serialVersionUID = 1L;

    /** How V starts, per the model's reference implementation. */
    public enum RecurrentInit {
        /** sparch: orthogonal, then the diagonal (self-connections) zeroed and kept zero. */
        ORTHOGONAL_ZERO_DIAGONAL,
        /** Yin et al.: orthogonal ({@code nn.init.orthogonal_}), self-connections trained. */
        ORTHOGONAL,
        /** The layer's weight init with fan-in nOut (PyTorch's nn.Linear, Zenke's normal init). */
        WEIGHT_INIT
    }

    /** The name of the spike among every model's state variables. */
    public static final String SPIKE_STATE = "s";

    private boolean recurrent;
    private boolean hasBias;
    private boolean batchNorm;
    private boolean bidirectional;
    private double threshold = 1.0;
    private SurrogateKind surrogate = SurrogateKind.BOXCAR;
    private double surrogateParameter = SurrogateKind.BOXCAR.defaultParameter();
    private double spikeDropout;
    private double rateLow = 0.0;
    private double rateHigh = 1.0;
    private double rateStrength = 0.0;
    private boolean inputGradient = true;
    private DelaySettings delays = new DelaySettings();

    /** For Jackson. */
    protected BaseSpikingLayer() {
    }

    /** DL4J's settings from {@code b}; {@link Builder#built} then copies this project's. */
    protected BaseSpikingLayer(Builder<?> b) {
        super(b);
    }

    // ---- the model: what a subclass says about its neurons ----

    /** The neuron model this configuration implements. */
    public abstract NeuronType neuronType();

    /** Trained per-neuron parameters, in flat-vector order (after W, bias, V). */
    public abstract List<NeuronParam> neuronParams();

    /**
     * Names of the state variables carried between steps (rnnTimeStep, truncated BPTT), in the
     * kernel's order; the spikes are {@link #SPIKE_STATE}.
     */
    public abstract String[] stateNames();

    /** How V starts (recurrent models). */
    public abstract RecurrentInit recurrentInit();

    /** A new kernel for this configuration, computing in {@code dataType} where it matters. */
    public abstract NeuronKernel createKernel(DataType dataType);

    /** A new spike function instance for this configuration. */
    public SpikeFunction spikeFunction() {
        return SpikeFunctions.create(surrogate, surrogateParameter);
    }

    /** True when V's diagonal is not a parameter (held at zero, gradient zero). */
    public boolean zeroSelfConnections() {
        return recurrentInit() == RecurrentInit.ORTHOGONAL_ZERO_DIAGONAL;
    }

    // ---- DL4J ----

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        LayerValidation.assertNInNOutSet(getClass().getSimpleName(), getLayerName(), index, getNIn(), getNOut());
        return LayerSupport.wire(new SpikingLayerImpl(conf, dataType), conf, initializer(), listeners, index,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return SpikingParamInitializer.getInstance();
    }

    /** nOut neurons per step, or 2 nOut when bidirectional (forward spikes, then backward ones). */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeRecurrent in = LayerSupport.requireRecurrent(inputType, this, "recurrent input");
        return InputType.recurrent(bidirectional ? 2 * nOut : nOut, in.getTimeSeriesLength(), rnnDataFormat);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return LayerSupport.updaterFor(paramName, super.getUpdaterByParam(paramName), delays.getLrScale());
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return LayerSupport.regularizationFor(paramName, super.getRegularizationByParam(paramName));
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        // the state variables, the drive and one model array per neuron and step (doubles), plus
        // the spikes' gradient in backprop
        long perStep = nOut * 8L * (stateNames().length + 3) * (bidirectional ? 2 : 1);
        return LayerSupport.memoryReport(this, inputType, getOutputType(-1, inputType),
                initializer().numParams(this), perStep);
    }

    // ---- bean ----

    /** Recurrent weights V on the previous step's spikes. */
    public boolean isRecurrent() {
        return recurrent;
    }

    public void setRecurrent(boolean recurrent) {
        this.recurrent = recurrent;
    }

    public boolean isHasBias() {
        return hasBias;
    }

    public void setHasBias(boolean hasBias) {
        this.hasBias = hasBias;
    }

    public boolean isBatchNorm() {
        return batchNorm;
    }

    public void setBatchNorm(boolean batchNorm) {
        this.batchNorm = batchNorm;
    }

    /**
     * Runs each sequence forward and reversed with the same parameters (sparch's bidirectional
     * layers) and emits both directions' spikes, 2 nOut values per step.
     */
    public boolean isBidirectional() {
        return bidirectional;
    }

    public void setBidirectional(boolean bidirectional) {
        this.bidirectional = bidirectional;
    }

    /** The firing threshold (ALIF: b0, the rest value of its adaptive threshold). */
    public double getThreshold() {
        return threshold;
    }

    public void setThreshold(double threshold) {
        this.threshold = threshold;
    }

    public SurrogateKind getSurrogate() {
        return surrogate;
    }

    public void setSurrogate(SurrogateKind surrogate) {
        this.surrogate = surrogate;
    }

    public double getSurrogateParameter() {
        return surrogateParameter;
    }

    public void setSurrogateParameter(double surrogateParameter) {
        this.surrogateParameter = surrogateParameter;
    }

    public double getSpikeDropout() {
        return spikeDropout;
    }

    public void setSpikeDropout(double spikeDropout) {
        this.spikeDropout = spikeDropout;
    }

    /** Lower end of the firing-rate band (spikes per neuron and step), see {@link #getRateStrength()}. */
    public double getRateLow() {
        return rateLow;
    }

    public void setRateLow(double rateLow) {
        this.rateLow = rateLow;
    }

    /** Upper end of the firing-rate band (spikes per neuron and step). */
    public double getRateHigh() {
        return rateHigh;
    }

    public void setRateHigh(double rateHigh) {
        this.rateHigh = rateHigh;
    }

    /**
     * Weight of the firing-rate band penalty ({@link RateBand}) added to
     * the score, and its gradient to backprop; 0 = off.
     */
    public double getRateStrength() {
        return rateStrength;
    }

    public void setRateStrength(double rateStrength) {
        this.rateStrength = rateStrength;
    }

    /**
     * Whether backprop forms dL/d(input). A network's first layer has nobody to pass it to: DL4J
     * discards it there (and accepts null), yet it is the layer's largest product after the input
     * GEMM itself ([T * mb, nOut] x [nOut, nIn]). {@code NetworkBuilder} switches it off for the
     * first layer; a layer built here keeps it on, as DL4J's own layers do.
     */
    public boolean isInputGradient() {
        return inputGradient;
    }

    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
    }

    /** Learnable synaptic delays of the input product ({@link SynapticDelays}); none by default. */
    @Override
    public DelaySettings getDelays() {
        return delays;
    }

    public void setDelays(DelaySettings delays) {
        this.delays = Objects.requireNonNull(delays, "delays");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass() || !super.equals(o)) {
            return false;
        }
        BaseSpikingLayer l = (BaseSpikingLayer) o;
        return recurrent == l.recurrent && hasBias == l.hasBias && batchNorm == l.batchNorm
                && bidirectional == l.bidirectional && threshold == l.threshold && surrogate == l.surrogate
                && surrogateParameter == l.surrogateParameter && spikeDropout == l.spikeDropout
                && rateLow == l.rateLow && rateHigh == l.rateHigh && rateStrength == l.rateStrength
                && inputGradient == l.inputGradient && delays.equals(l.delays)
                && modelSettings().equals(l.modelSettings());
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), recurrent, hasBias, batchNorm, bidirectional, threshold, surrogate,
                surrogateParameter, spikeDropout, rateLow, rateHigh, rateStrength, inputGradient, delays,
                modelSettings());
    }

    @Override
    public String toString() {
        StringBuilder model = new StringBuilder();
        modelSettings().forEach((name, value) -> model.append(", ").append(name).append('=').append(value));
        return getClass().getSimpleName() + "(" + neuronType() + ", nIn=" + nIn + ", nOut=" + nOut + ", surrogate="
                + surrogate + "(" + surrogateParameter + "), threshold=" + threshold + ", batchNorm=" + batchNorm
                + ", bidirectional=" + bidirectional + ", bias=" + hasBias + ", spikeDropout=" + spikeDropout
                + (rateStrength > 0 ? ", rateBand=[" + rateLow + ", " + rateHigh + "] x " + rateStrength : "")
                + (inputGradient ? "" : ", inputGradient=false")
                + (delays.on() ? ", delays " + delays : "")
                + model + ")";
    }

    /**
     * The settings the model's classes add to these, by field name, the classes nearest this one
     * first: the fields Jackson writes to the JSON, read here so that equals, hashCode and toString
     * cover each without a line per setting in every model.
     */
    private Map<String, Object> modelSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Field f : settingFields(getClass())) {
            if (f.getDeclaringClass() != BaseSpikingLayer.class) {
                settings.put(f.getName(), read(f, this));
            }
        }
        return settings;
    }

    /**
     * Takes every setting, this class's and the model's, from the layer a builder configured, once
     * the new layer's constructors (and so its fields' initialisers) have run.
     */
    private void copySettings(BaseSpikingLayer from) {
        if (from.getClass() != getClass()) {
            throw new IllegalArgumentException("a " + getClass().getSimpleName() + " built from the settings of a "
                    + from.getClass().getSimpleName());
        }
        for (Field f : settingFields(getClass())) {
            try {
                f.set(this, read(f, from));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        if (delays.on() && bidirectional) {
            // the reversed direction would read inputs delayed towards the future
            throw new IllegalArgumentException("synaptic delays do not combine with bidirectional layers");
        }
        // fail at configuration time, not in the first forward pass on an executor
        SpikeFunctions.create(surrogate, surrogateParameter);
    }

    /** The instance fields of this class and of the model's classes below it, this class's first. */
    private static List<Field> settingFields(Class<?> layerClass) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = layerClass; c != BaseSpikingLayer.class.getSuperclass(); c = c.getSuperclass()) {
            classes.add(0, c);
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> c : classes) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
        }
        return fields;
    }

    private static Object read(Field f, BaseSpikingLayer layer) {
        try {
            return f.get(layer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builder settings every spiking layer has, in DL4J's builder style; a model's builder starts
     * from the model's surrogate and threshold.
     */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends BaseRecurrentLayer.Builder<T> {
        /**
         * The layer being configured: its fields are the settings' one declaration, with their
         * defaults; this builder's methods set them, and the built layer copies them all.
         */
        private final BaseSpikingLayer settings;

        /** The model's reference surrogate (with the kind's default parameter) and threshold. */
        protected Builder(BaseSpikingLayer settings, SurrogateKind surrogate, double threshold) {
            this.settings = Objects.requireNonNull(settings, "settings");
            settings.surrogate = Objects.requireNonNull(surrogate);
            settings.surrogateParameter = surrogate.defaultParameter();
            settings.threshold = threshold;
        }

        /** The layer being configured; a model's builder narrows the type to its layer's. */
        protected BaseSpikingLayer settings() {
            return settings;
        }

        /** {@code layer}, just constructed from this builder, with the settings configured here. */
        protected <L extends BaseSpikingLayer> L built(L layer) {
            ((BaseSpikingLayer) layer).copySettings(settings);
            return layer;
        }

        /** Recurrent as {@code type} is, which must be one of the model's {@code served} types. */
        protected T servedType(NeuronType type, List<NeuronType> served, String model) {
            if (!served.contains(type)) {
                throw new IllegalArgumentException(type + " is not " + model);
            }
            settings.recurrent = type.isRecurrent();
            return (T) this;
        }

        public T recurrent(boolean recurrent) {
            settings.recurrent = recurrent;
            return (T) this;
        }

        public T hasBias(boolean hasBias) {
            settings.hasBias = hasBias;
            return (T) this;
        }

        public T batchNorm(boolean batchNorm) {
            settings.batchNorm = batchNorm;
            return (T) this;
        }

        /** Forward and reversed sequence with shared parameters; output 2 nOut per step. */
        public T bidirectional(boolean bidirectional) {
            settings.bidirectional = bidirectional;
            return (T) this;
        }

        /** The threshold; the model's reference value when not set. */
        public T threshold(double threshold) {
            if (!(threshold > 0)) {
                throw new IllegalArgumentException("threshold must be > 0: " + threshold);
            }
            settings.threshold = threshold;
            return (T) this;
        }

        /** The spike function; the parameter defaults to the kind's reference value. */
        public T surrogate(SurrogateKind kind) {
            return surrogate(kind, Double.NaN);
        }

        /** The spike function with its parameter; NaN is the kind's reference value. */
        public T surrogate(SurrogateKind kind, double parameter) {
            settings.surrogate = Objects.requireNonNull(kind);
            settings.surrogateParameter = Double.isNaN(parameter) ? kind.defaultParameter() : parameter;
            return (T) this;
        }

        /** Probability of dropping each emitted spike during training (0 = off). */
        public T spikeDropout(double p) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("spike dropout must be in [0, 1): " + p);
            }
            settings.spikeDropout = p;
            return (T) this;
        }

        /**
         * Activity regularisation: a penalty of weight {@code strength} on every neuron whose rate in
         * a sample (spikes per valid step) leaves [low, high]. strength 0 = off.
         */
        public T rateBand(double low, double high, double strength) {
            RateBand.validate(low, high, strength);
            settings.rateLow = low;
            settings.rateHigh = high;
            settings.rateStrength = strength;
            return (T) this;
        }

        /** {@code value} when it is above 0, else an IllegalArgumentException naming the setting. */
        protected static double positive(String name, double value) {
            if (!(value > 0)) {
                throw new IllegalArgumentException(name + " must be > 0: " + value);
            }
            return value;
        }

        /** Whether backprop returns dL/d(input); off for a network's first layer (see the getter). */
        public T inputGradient(boolean inputGradient) {
            settings.inputGradient = inputGradient;
            return (T) this;
        }

        /**
         * Learnable synaptic delays of up to {@code maxDelay} steps on the input product (0 = none),
         * their Gaussian narrowing over {@code annealEpochs} epochs ({@link org.snnspark.models.engine.DelaySchedule}).
         */
        public T delays(int maxDelay, int annealEpochs) {
            settings.delays = DelaySettings.of(maxDelay, annealEpochs, settings.delays.getLrScale());
            return (T) this;
        }

        /** The delay positions' learning rate over the weights' (default {@value DelaySettings#DEFAULT_LR_SCALE}). */
        public T delayLrScale(double scale) {
            settings.delays = DelaySettings.of(settings.delays.getMaxDelay(), settings.delays.getAnnealEpochs(), scale);
            return (T) this;
        }
    }
}
