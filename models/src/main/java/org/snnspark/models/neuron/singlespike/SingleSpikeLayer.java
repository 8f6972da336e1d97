package org.snnspark.models.neuron.singlespike;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.dl4j.MembraneDecayLayer;


/**
 * Configuration of the single-spike-per-neuron layer (SINGLE_SPIKE) of Taylor, King &amp; Harper's
 * FastSNN: every neuron fires at most once per sequence, at the first step its reset-free LIF
 * membrane {@code v_t = beta v_{t-1} + W x_t + b} crosses the threshold; no sequential reset
 * dynamics, so the membrane of all steps is one causal filter of the drive and the backward pass
 * only visits the steps before each neuron's spike. Equations and gradient in
 * {@link SingleSpikeModel}, the deviations from the reference in {@link SingleSpikeKernel}. Reference defaults: threshold 1, fast-sigmoid surrogate of
 * scale 100, beta 0.9 (FastSNN's hidden_beta). beta is a constant unless {@code learnBeta}, then a
 * per-neuron trained parameter ("beta") starting at the configured value, clamped to [0, 1] in use.
 * Feed-forward only: a recurrent input would make the membrane depend on the layer's own spikes and
 * the filter would no longer be linear in the input.
 */
public class SingleSpikeLayer extends MembraneDecayLayer {
    private static final long serialVersionUID = 1L;

    /** FastSNN's BaseModel hidden_beta. */
    public static final double DEFAULT_BETA = SingleSpikeModel.BETA.defaultValue();

    /** For Jackson. */
    public SingleSpikeLayer() {
        super(DEFAULT_BETA);
    }

    protected SingleSpikeLayer(Builder b) {
        super(b);
        if (isRecurrent()) {
            throw new IllegalArgumentException("the single-spike layer has no recurrent variant");
        }
    }

    @Override
    public NeuronType neuronType() {
        return SingleSpikeModel.SINGLE_SPIKE;
    }

    @Override
    public String[] stateNames() {
        return new String[]{"mem", "a", "b", SPIKE_STATE};
    }

    @Override
    public RecurrentInit recurrentInit() {
        return RecurrentInit.WEIGHT_INIT;
    }

    @Override
    public NeuronKernel createKernel(DataType dataType) {
        if (isRecurrent()) {
            throw new IllegalStateException("the single-spike layer has no recurrent variant");
        }
        return new SingleSpikeKernel((int) getNOut(), kernelBeta(), getThreshold(), spikeFunction());
    }

    /** {@code new SingleSpikeLayer.Builder().beta(0.9).nOut(128).build()}. */
    public static class Builder extends MembraneDecayLayer.Builder<Builder> {
        public Builder() {
            super(new SingleSpikeLayer(), SingleSpikeModel.SURROGATE, SingleSpikeModel.THRESHOLD);
        }

        @Override
        protected SingleSpikeLayer settings() {
            return (SingleSpikeLayer) super.settings();
        }

        @Override
        @SuppressWarnings("unchecked")
        public SingleSpikeLayer build() {
            return built(new SingleSpikeLayer(this));
        }
    }
}
