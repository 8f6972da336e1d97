package org.snnspark.models.neuron.leaky;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.neuron.NeuronType;

import org.snnspark.models.dl4j.MembraneDecayLayer;

/**
 * Configuration of snnTorch's Leaky (LEAKY) and RLeaky (RLEAKY: all-to-all recurrent linear map,
 * snnTorch's default) neurons with snnTorch's defaults: subtractive reset by the previous step's
 * spike, detached; threshold 1; ATan surrogate (alpha 2). Equations in {@link LeakyModel}.
 * beta is a constant unless {@code learnBeta}, then a per-neuron trained parameter ("beta")
 * starting at the configured value; clamped to [0, 1] in use either way, as snnTorch does.
 * snnTorch's recurrent nn.Linear has its own bias; added every step next to the input bias, it is
 * the same function as the layer's bias ({@code hasBias}) alone, so there is no second one.
 * V starts from the layer's weight init (PyTorch's nn.Linear: uniform, bound 1/sqrt(nOut)).
 */
public class LeakyLayer extends MembraneDecayLayer {
    private static final long serialVersionUID = 1L;

    /** snnTorch has no default beta; 0.95 is its tutorials' value. */
    public static final double DEFAULT_BETA = LeakyModel.BETA.defaultValue();

    private boolean detachReset = true;

    /** For Jackson. */
    public LeakyLayer() {
        super(DEFAULT_BETA);
    }

    protected LeakyLayer(Builder b) {
        super(b);
    }

    @Override
    public NeuronType neuronType() {
        return isRecurrent() ? LeakyModel.RLEAKY : LeakyModel.LEAKY;
    }

    @Override
    public String[] stateNames() {
        return new String[]{"mem", "s"};
    }

    @Override
    public RecurrentInit recurrentInit() {
        return RecurrentInit.WEIGHT_INIT;
    }

    @Override
    public NeuronKernel createKernel(DataType dataType) {
        return new LeakyKernel((int) getNOut(), isRecurrent(), kernelBeta(), getThreshold(),
                detachReset, spikeFunction());
    }

    /** No gradient through the reset (snnTorch's mem_reset detaches it). */
    public boolean isDetachReset() {
        return detachReset;
    }

    public void setDetachReset(boolean detachReset) {
        this.detachReset = detachReset;
    }

    /** {@code new LeakyLayer.Builder().neuronType(RLEAKY).beta(0.9).nOut(128).build()}. */
    public static class Builder extends MembraneDecayLayer.Builder<Builder> {
        public Builder() {
            super(new LeakyLayer(), LeakyModel.SURROGATE, LeakyModel.THRESHOLD);
        }

        @Override
        protected LeakyLayer settings() {
            return (LeakyLayer) super.settings();
        }

        /** LEAKY or RLEAKY. */
        public Builder neuronType(NeuronType type) {
            return servedType(type, LeakyModel.TYPES, "snnTorch's Leaky / RLeaky");
        }

        public Builder detachReset(boolean detachReset) {
            settings().detachReset = detachReset;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LeakyLayer build() {
            return built(new LeakyLayer(this));
        }
    }
}
