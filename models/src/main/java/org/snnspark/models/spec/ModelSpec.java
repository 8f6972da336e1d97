package org.snnspark.models.spec;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a network is made of, independent of the data it is trained on: neuron model, hidden layer
 * sizes, regularisation and readout. {@link NetworkBuilder} turns it (plus input size, class count,
 * seed and updater) into a DL4J configuration.
 * <p>
 * A mutable bean (getters and setters, so presets and JSON/TOML binders can fill it) with fluent
 * {@code withX} copies-in-place for code. Defaults are sparch's RadLIF recipe without batch-norm.
 */
public class ModelSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private NeuronType neuron = NeuronType.RADLIF;
    private int[] hidden = {128, 128};
    private double dropout = 0.1;
    private boolean batchNorm = false;
    private ReadoutReduction readout = ReadoutReduction.SUM_SOFTMAX;
    private SurrogateKind surrogate = SurrogateKind.BOXCAR;
    /** null: the surrogate kind's default parameter ({@link SurrogateKind#defaultParameter()}). */
    private Double surrogateParameter = null;
    private boolean bidirectional = false;
    private double threshold = 1.0;

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

    public SurrogateKind getSurrogate() {
        return surrogate;
    }

    public void setSurrogate(SurrogateKind surrogate) {
        this.surrogate = Objects.requireNonNull(surrogate, "surrogate");
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

    /** The parameter actually used: the explicit one, else the surrogate kind's default. */
    public double effectiveSurrogateParameter() {
        return surrogateParameter != null ? surrogateParameter : surrogate.defaultParameter();
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

    /** Firing threshold of the membrane potential (sparch: 1). */
    public double getThreshold() {
        return threshold;
    }

    public void setThreshold(double threshold) {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be > 0: " + threshold);
        }
        this.threshold = threshold;
    }

    public ModelSpec withThreshold(double threshold) {
        setThreshold(threshold);
        return this;
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
                && bidirectional == m.bidirectional && threshold == m.threshold;
    }

    @Override
    public int hashCode() {
        return Objects.hash(neuron, Arrays.hashCode(hidden), dropout, batchNorm, readout, surrogate,
                surrogateParameter, bidirectional, threshold);
    }

    @Override
    public String toString() {
        return "ModelSpec{neuron=" + neuron + ", hidden=" + Arrays.toString(hidden) + ", dropout=" + dropout
                + ", batchNorm=" + batchNorm + ", readout=" + readout + ", surrogate=" + surrogate
                + "(" + effectiveSurrogateParameter() + "), bidirectional=" + bidirectional
                + ", threshold=" + threshold + "}";
    }
}
