package org.snnspark.models.spec;

import java.io.Serializable;
import org.snnspark.models.dl4j.DelaySettings;
import org.snnspark.models.neuron.NeuronType;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.Objects;
import org.snnspark.models.engine.RateBand;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.engine.SpikeCountMse;
import org.snnspark.models.surrogate.SurrogateKind;

/**
 * What a network is made of, independent of the data it is trained on: neuron model, hidden layer
 * sizes, regularisation and readout. {@link NetworkBuilder} turns it (plus input size, class count,
 * seed and updater) into a DL4J configuration.
 * <p>
 * A mutable bean (getters and setters, so presets and JSON/TOML binders can fill it) with fluent
 * {@code withX} copies-in-place for code. Defaults are sparch's RadLIF recipe.
 * Settings that only some neuron models have (time constants, snnTorch's beta) are their
 * {@link ModelOption}s ({@link NeuronModel#options()}), held by name, {@link #get}/{@link #set}:
 * unset, each model uses its reference implementation's value, the option's default. The synaptic
 * delays are declared the same way ({@link #NETWORK_OPTIONS}).
 */
public class ModelSpec implements Serializable {
    private static final long serialVersionUID = 3L;

    public static final ModelOption<Integer> DELAYS = ModelOption.count("delays", 0, "Learnable synaptic delays"
            + " (DCLS, Hammouamri et al. 2024) of up to this many time steps on every layer's input, the"
            + " readout's too: per synapse a weight and a delay, a Gaussian over the steps while training; 0 = none");
    public static final ModelOption<Integer> DELAY_ANNEAL_EPOCHS = ModelOption.count("delayAnnealEpochs", 0,
            "--delays: epochs over which the delays' Gaussian narrows from half the maximum delay to 0.5 steps"
            + " (SNN-delays: a quarter of --epochs); 0 = 0.5 throughout");
    public static final ModelOption<Double> DELAY_LR_SCALE = ModelOption.positive("delayLrScale",
            DelaySettings.DEFAULT_LR_SCALE, "--delays: learning rate of the delay positions over that of the"
            + " weights (SNN-delays: 100)");
    public static final ModelOption<Boolean> READOUT_DELAYS = ModelOption.flag("readoutDelays", true,
            "--delays: the readout's input has delays too (SNN-delays')");
    /** The settings of the network that no neuron model owns but that are declared like theirs. */
    public static final List<ModelOption<?>> NETWORK_OPTIONS =
            List.of(DELAYS, DELAY_ANNEAL_EPOCHS, DELAY_LR_SCALE, READOUT_DELAYS);

    // by name: the model folders use this package, so it names none of their constants
    private NeuronType neuron = NeuronType.valueOf("RADLIF");
    private int[] hidden = {128, 128};
    private double dropout = 0.1;
    // On by default, as in sparch: with PyTorch-style initial weights, W x of sparse spike input is
    // far below threshold, plain LIF/RLIF layers start silent, and a silent layer gets no gradient.
    private boolean batchNorm = true;
    private ReadoutReduction readout = ReadoutReduction.SUM_SOFTMAX;
    /** null: the neuron model's reference surrogate ({@link NeuronModel#surrogate()}). */
    private SurrogateKind surrogate = null;
    /** null: the surrogate kind's default parameter ({@link SurrogateKind#defaultParameter()}). */
    private Double surrogateParameter = null;
    private boolean bidirectional = false;
    /** null: the neuron model's reference threshold ({@link NeuronModel#threshold()}). */
    private Double threshold = null;
    private double dt = 1.0;
    private double rateLow = 0.0;
    private double rateHigh = 1.0;
    private double rateStrength = 0.0;
    private double countCorrectRate = 1.0;
    private double countIncorrectRate = 0.0;
    /** The values of {@link ModelOption}s set explicitly, by name; sorted, so equal specs print alike. */
    private final TreeMap<String, Object> options = new TreeMap<>();

    public ModelSpec() {
    }

    public NeuronType getNeuron() {
        return neuron;
    }

    public void setNeuron(NeuronType neuron) {
        this.neuron = Objects.requireNonNull(neuron, "neuron");
    }

    public ModelSpec withNeuron(NeuronType neuron) {
        setNeuron(neuron);
        return this;
    }

    /** Sizes of the spiking layers, input side first. */
    public int[] getHidden() {
        return hidden.clone();
    }

    public void setHidden(int[] hidden) {
        Objects.requireNonNull(hidden, "hidden");
        if (hidden.length == 0) {
            throw new IllegalArgumentException("at least one hidden layer is needed");
        }
        for (int h : hidden) {
            if (h <= 0) {
                throw new IllegalArgumentException("hidden layer sizes must be > 0: " + Arrays.toString(hidden));
            }
        }
        this.hidden = hidden.clone();
    }

    public ModelSpec withHidden(int... hidden) {
        setHidden(hidden);
        return this;
    }

    /** Probability of dropping a spike at the output of each spiking layer (sparch), 0 = off. */
    public double getDropout() {
        return dropout;
    }

    public void setDropout(double dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
        }
        this.dropout = dropout;
    }

    public ModelSpec withDropout(double dropout) {
        setDropout(dropout);
        return this;
    }

    /** Batch normalisation of W x over batch and time, in every spiking layer and the readout. */
    public boolean isBatchNorm() {
        return batchNorm;
    }

    public void setBatchNorm(boolean batchNorm) {
        this.batchNorm = batchNorm;
    }

    public ModelSpec withBatchNorm(boolean batchNorm) {
        setBatchNorm(batchNorm);
        return this;
    }

    public ReadoutReduction getReadout() {
        return readout;
    }

    public void setReadout(ReadoutReduction readout) {
        this.readout = Objects.requireNonNull(readout, "readout");
    }

    public ModelSpec withReadout(ReadoutReduction readout) {
        setReadout(readout);
        return this;
    }

    /** The surrogate set explicitly, or null for the neuron model's own ({@link #effectiveSurrogate()}). */
    public SurrogateKind getSurrogate() {
        return surrogate;
    }

    /** null: the neuron model's reference surrogate. */
    public void setSurrogate(SurrogateKind surrogate) {
        this.surrogate = surrogate;
    }

    public ModelSpec withSurrogate(SurrogateKind surrogate) {
        setSurrogate(surrogate);
        return this;
    }

    /** The surrogate's parameter, or null for the kind's default. */
    public Double getSurrogateParameter() {
        return surrogateParameter;
    }

    public void setSurrogateParameter(Double surrogateParameter) {
        this.surrogateParameter = surrogateParameter;
    }

    public ModelSpec withSurrogateParameter(Double surrogateParameter) {
        setSurrogateParameter(surrogateParameter);
        return this;
    }

    /** The surrogate actually used: the explicit one, else the neuron model's reference surrogate. */
    public SurrogateKind effectiveSurrogate() {
        return surrogate != null ? surrogate : NeuronModels.of(neuron).surrogate();
    }

    /** The parameter actually used: the explicit one, else the effective surrogate kind's default. */
    public double effectiveSurrogateParameter() {
        return surrogateParameter != null ? surrogateParameter : effectiveSurrogate().defaultParameter();
    }

    /** Each spiking layer runs forward and backward in time; their spikes are concatenated. */
    public boolean isBidirectional() {
        return bidirectional;
    }

    public void setBidirectional(boolean bidirectional) {
        this.bidirectional = bidirectional;
    }

    public ModelSpec withBidirectional(boolean bidirectional) {
        setBidirectional(bidirectional);
        return this;
    }

    /**
     * Firing threshold of the membrane potential, or null for the model's own
     * ({@link NeuronModel#threshold()}; ALIF's is b0, the rest value of its adaptive threshold).
     */
    public Double getThreshold() {
        return threshold;
    }

    public void setThreshold(Double threshold) {
        if (threshold != null && !(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be > 0: " + threshold);
        }
        this.threshold = threshold;
    }

    public ModelSpec withThreshold(double threshold) {
        setThreshold(threshold);
        return this;
    }

    /** The threshold actually used. */
    public double effectiveThreshold() {
        return threshold != null ? threshold : NeuronModels.of(neuron).threshold();
    }

    /**
     * Duration of one time step in ms (CUBA and ALIF turn time constants into decays with it);
     * default 1 ms, the references' value. Set it to the data's bin width.
     */
    public double getDt() {
        return dt;
    }

    public void setDt(double dt) {
        this.dt = positive("dt", dt);
    }

    public ModelSpec withDt(double dt) {
        setDt(dt);
        return this;
    }

    /** The value set for {@code option}, or null when it is unset (read it with {@link ModelOption#in}). */
    public <T> T get(ModelOption<T> option) {
        return option.type().cast(options.get(option.name()));
    }

    /**
     * Sets {@code option} (every model that declares its name reads the value); null unsets it, so
     * that each model uses its own default. An IllegalArgumentException if the option does not
     * accept the value.
     */
    public <T> void set(ModelOption<T> option, T value) {
        if (option.check(value) == null) {
            options.remove(option.name());
        } else {
            options.put(option.name(), value);
        }
    }

    public <T> ModelSpec with(ModelOption<T> option, T value) {
        set(option, value);
        return this;
    }

    /**
     * Activity regularisation of every spiking layer: a penalty of weight {@code strength} on each
     * neuron whose firing rate in a sample (spikes per valid step) leaves [low, high]
     * ({@link org.snnspark.models.engine.RateBand}); strength 0 (the default) switches it off.
     */
    public ModelSpec withRateBand(double low, double high, double strength) {
        org.snnspark.models.engine.RateBand.validate(low, high, strength);
        this.rateLow = low;
        this.rateHigh = high;
        this.rateStrength = strength;
        return this;
    }

    /** Lower end of the firing-rate band, spikes per neuron and step (default 0). */
    public double getRateLow() {
        return rateLow;
    }

    public void setRateLow(double rateLow) {
        org.snnspark.models.engine.RateBand.validate(rateLow, Math.max(rateLow, rateHigh), rateStrength);
        this.rateLow = rateLow;
    }

    /** Upper end of the firing-rate band, spikes per neuron and step (default 1: no upper bound). */
    public double getRateHigh() {
        return rateHigh;
    }

    public void setRateHigh(double rateHigh) {
        org.snnspark.models.engine.RateBand.validate(Math.min(rateLow, rateHigh), rateHigh, rateStrength);
        this.rateHigh = rateHigh;
    }

    /** Weight of the firing-rate band penalty (default 0 = off). */
    public double getRateStrength() {
        return rateStrength;
    }

    public void setRateStrength(double rateStrength) {
        org.snnspark.models.engine.RateBand.validate(0, 0, rateStrength);
        this.rateStrength = rateStrength;
    }

    /**
     * Readout SPIKE_COUNT: the target firing rates of snnTorch's mse_count_loss, for the labelled
     * class's output and for the others (defaults 1 and 0, snnTorch's).
     */
    public ModelSpec withCountRates(double correctRate, double incorrectRate) {
        org.snnspark.models.engine.SpikeCountMse.validate(correctRate, incorrectRate);
        this.countCorrectRate = correctRate;
        this.countIncorrectRate = incorrectRate;
        return this;
    }

    /** Readout SPIKE_COUNT: target spikes per step of the labelled class's output (default 1). */
    public double getCountCorrectRate() {
        return countCorrectRate;
    }

    public void setCountCorrectRate(double countCorrectRate) {
        org.snnspark.models.engine.SpikeCountMse.validate(countCorrectRate, 0);
        this.countCorrectRate = countCorrectRate;
    }

    /** Readout SPIKE_COUNT: target spikes per step of the other outputs (default 0). */
    public double getCountIncorrectRate() {
        return countIncorrectRate;
    }

    public void setCountIncorrectRate(double countIncorrectRate) {
        org.snnspark.models.engine.SpikeCountMse.validate(0, countIncorrectRate);
        this.countIncorrectRate = countIncorrectRate;
    }

    /**
     * Learnable synaptic delays on every layer's input (the readout's too), up to this many steps
     * ({@link org.snnspark.models.engine.SynapticDelays}); 0 (the default) = none.
     */
    public int getMaxDelay() {
        return DELAYS.in(this);
    }

    /** Epochs over which the delays' Gaussian narrows ({@link org.snnspark.models.engine.DelaySchedule}). */
    public int getDelayAnnealEpochs() {
        return DELAY_ANNEAL_EPOCHS.in(this);
    }

    /** The delay positions' learning rate over the weights' (SNN-delays': 100). */
    public double getDelayLrScale() {
        return DELAY_LR_SCALE.in(this);
    }

    /** With {@link #getMaxDelay()} above 0: the leaky readout's input has delays too (SNN-delays'; default true). */
    public boolean isReadoutDelays() {
        return READOUT_DELAYS.in(this);
    }

    public ModelSpec withReadoutDelays(boolean readoutDelays) {
        return with(READOUT_DELAYS, readoutDelays);
    }

    /** Synaptic delays of up to {@code maxDelay} steps, their Gaussian narrowing over {@code annealEpochs}. */
    public ModelSpec withDelays(int maxDelay, int annealEpochs) {
        return with(DELAYS, maxDelay).with(DELAY_ANNEAL_EPOCHS, annealEpochs);
    }

    private static double positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0: " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ModelSpec)) {
            return false;
        }
        ModelSpec m = (ModelSpec) o;
        return neuron == m.neuron && Arrays.equals(hidden, m.hidden) && dropout == m.dropout
                && batchNorm == m.batchNorm && readout == m.readout && surrogate == m.surrogate
                && Objects.equals(surrogateParameter, m.surrogateParameter)
                && bidirectional == m.bidirectional && Objects.equals(threshold, m.threshold) && dt == m.dt
                && rateLow == m.rateLow && rateHigh == m.rateHigh
                && rateStrength == m.rateStrength && countCorrectRate == m.countCorrectRate
                && countIncorrectRate == m.countIncorrectRate && options.equals(m.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(neuron, Arrays.hashCode(hidden), dropout, batchNorm, readout, surrogate,
                surrogateParameter, bidirectional, threshold, dt, rateLow, rateHigh, rateStrength,
                countCorrectRate, countIncorrectRate, options);
    }

    @Override
    public String toString() {
        StringBuilder modelOptions = new StringBuilder();
        for (ModelOption<?> o : NeuronModels.of(neuron).options()) {
            modelOptions.append(", ").append(o.name()).append('=').append(o.in(this));
        }
        int maxDelay = getMaxDelay();
        return "ModelSpec{neuron=" + neuron + ", hidden=" + Arrays.toString(hidden) + ", dropout=" + dropout
                + ", batchNorm=" + batchNorm + ", readout=" + readout + ", surrogate=" + effectiveSurrogate()
                + "(" + effectiveSurrogateParameter() + "), bidirectional=" + bidirectional
                + ", threshold=" + effectiveThreshold() + ", dt=" + dt + modelOptions
                + ", rateBand=[" + rateLow + ", " + rateHigh + "] x " + rateStrength
                + (readout == ReadoutReduction.SPIKE_COUNT ? ", countRates=" + countCorrectRate + "/" + countIncorrectRate : "")
                + (maxDelay > 0 ? ", maxDelay=" + maxDelay + ", delayAnnealEpochs=" + getDelayAnnealEpochs()
                        + ", delayLrScale=" + getDelayLrScale() + ", readoutDelays=" + isReadoutDelays() : "")
                + "}";
    }
}
