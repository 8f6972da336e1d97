package org.snnspark.models.dl4j;

import org.snnspark.models.surrogate.SurrogateKind;

import java.util.Collections;
import java.util.List;

/**
 * A spiking layer whose membrane decays by a factor beta per step: a constant, or, with
 * {@code learnBeta}, a per-neuron trained parameter ("beta") starting at the configured value;
 * clamped to [0, 1] in use either way. snnTorch's Leaky and FastSNN's single-spike neurons.
 */
public abstract class MembraneDecayLayer extends BaseSpikingLayer {
    private static final long serialVersionUID = 1L;

    /** The trained decay's parameter name. */
    public static final String BETA = "beta";

    private double beta;
    private boolean learnBeta;

    /** For Jackson: the model's default decay until the JSON sets it. */
    protected MembraneDecayLayer(double defaultBeta) {
        this.beta = defaultBeta;
    }

    protected MembraneDecayLayer(Builder<?> b) {
        super(b);
    }

    @Override
    public List<NeuronParam> neuronParams() {
        return learnBeta ? Collections.singletonList(NeuronParam.clamped(BETA, 0, 1, beta, beta))
                : Collections.emptyList();
    }

    /** The decay a kernel is built with: the constant, or NaN when it arrives as a trained parameter. */
    protected double kernelBeta() {
        return learnBeta ? Double.NaN : beta;
    }

    /** Membrane decay (the initial value when learnBeta). */
    public double getBeta() {
        return beta;
    }

    public void setBeta(double beta) {
        this.beta = beta;
    }

    public boolean isLearnBeta() {
        return learnBeta;
    }

    public void setLearnBeta(boolean learnBeta) {
        this.learnBeta = learnBeta;
    }

    /** The decay settings, in DL4J's builder style. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends BaseSpikingLayer.Builder<T> {
        protected Builder(MembraneDecayLayer settings, SurrogateKind surrogate, double threshold) {
            super(settings, surrogate, threshold);
        }

        @Override
        protected MembraneDecayLayer settings() {
            return (MembraneDecayLayer) super.settings();
        }

        public T beta(double beta) {
            if (!(beta >= 0 && beta <= 1)) {
                throw new IllegalArgumentException("beta must be in [0, 1]: " + beta);
            }
            settings().beta = beta;
            return (T) this;
        }

        public T learnBeta(boolean learnBeta) {
            settings().learnBeta = learnBeta;
            return (T) this;
        }
    }
}
