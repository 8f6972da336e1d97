package org.snnspark.models.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnspark.models.kernel.LeakyKernel;
import org.snnspark.models.kernel.NeuronKernel;
import org.snnspark.models.spec.NeuronType;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of snnTorch's Leaky (LEAKY) and RLeaky (RLEAKY: all-to-all recurrent linear map,
 * snnTorch's default) neurons with snnTorch's defaults: subtractive reset by the previous step's
 * spike, detached; threshold 1; ATan surrogate (alpha 2). Equations in {@link LeakyKernel}.
 * beta is a constant unless {@code learnBeta}, then a per-neuron trained parameter ("beta")
 * starting at the configured value; clamped to [0, 1] in use either way, as snnTorch does.
 * snnTorch's recurrent nn.Linear has its own bias; added every step next to the input bias, it is
 * the same function as the layer's bias ({@code hasBias}) alone, so there is no second one.
 * V starts from the layer's weight init (PyTorch's nn.Linear: uniform, bound 1/sqrt(nOut)).
 */
public class LeakyLayer extends BaseSpikingLayer {
    private static final long serialVersionUID = 1L;

    public static final String BETA = "beta";
    /** snnTorch has no default beta; 0.95 is its tutorials' value. */
    public static final double DEFAULT_BETA = 0.95;

    private double beta = DEFAULT_BETA;
    private boolean learnBeta;
    private boolean detachReset = true;

    /** For Jackson. */
    public LeakyLayer() {
    }

    protected LeakyLayer(Builder b) {
        super(b, NeuronType.Family.LEAKY);
        this.beta = b.beta;
        this.learnBeta = b.learnBeta;
        this.detachReset = b.detachReset;
    }

    @Override
    public NeuronType neuronType() {
        return isRecurrent() ? NeuronType.RLEAKY : NeuronType.LEAKY;
    }

    @Override
    public List<NeuronParam> neuronParams() {
        return learnBeta ? Collections.singletonList(NeuronParam.clamped(BETA, 0, 1, beta, beta))
                : Collections.emptyList();
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
        return new LeakyKernel((int) getNOut(), isRecurrent(), learnBeta ? Double.NaN : beta, getThreshold(),
                detachReset, spikeFunction());
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

    /** No gradient through the reset (snnTorch's mem_reset detaches it). */
    public boolean isDetachReset() {
        return detachReset;
    }

    public void setDetachReset(boolean detachReset) {
        this.detachReset = detachReset;
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) {
            return false;
        }
        LeakyLayer l = (LeakyLayer) o;
        return beta == l.beta && learnBeta == l.learnBeta && detachReset == l.detachReset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), beta, learnBeta, detachReset);
    }

    @Override
    protected String modelString() {
        return ", beta=" + beta + ", learnBeta=" + learnBeta + ", detachReset=" + detachReset;
    }

    /** {@code new LeakyLayer.Builder().neuronType(RLEAKY).beta(0.9).nOut(128).build()}. */
    public static class Builder extends BaseSpikingLayer.Builder<Builder> {
        private double beta = DEFAULT_BETA;
        private boolean learnBeta;
        private boolean detachReset = true;

        /** LEAKY or RLEAKY. */
        public Builder neuronType(NeuronType type) {
            if (type.family() != NeuronType.Family.LEAKY) {
                throw new IllegalArgumentException(type + " is not snnTorch's Leaky / RLeaky");
            }
            this.recurrent = type.isRecurrent();
            return this;
        }

        public Builder beta(double beta) {
            if (!(beta >= 0 && beta <= 1)) {
                throw new IllegalArgumentException("beta must be in [0, 1]: " + beta);
            }
            this.beta = beta;
            return this;
        }

        public Builder learnBeta(boolean learnBeta) {
            this.learnBeta = learnBeta;
            return this;
        }

        public Builder detachReset(boolean detachReset) {
            this.detachReset = detachReset;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LeakyLayer build() {
            return new LeakyLayer(this);
        }
    }
}
