package org.snnspark.models.neuron.cuba;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.neuron.NeuronType;

import java.util.Collections;
import java.util.List;
import org.snnspark.models.dl4j.TimeConstantLayer;
import org.snnspark.models.dl4j.NeuronParam;

/**
 * Configuration of a current-based LIF layer as in Zenke's SpyTorch tutorial (CUBA_LIF, and
 * RCUBA_LIF with the tutorial's recurrent weights): a synaptic current that decays with
 * alpha = exp(-dt / tau_syn) feeds a membrane that decays with beta = exp(-dt / tau_mem) and is
 * reset by multiplication. Equations and order of operations in {@link CubaModel}. The
 * tutorial's constants are the defaults ({@link CubaModel}'s): tau_syn 5 ms, tau_mem 10 ms, dt 1 ms,
 * threshold 1, fast-sigmoid surrogate of scale 100, no gradient through the reset. alpha and beta are not
 * trained (as in the tutorial); V starts from the layer's weight init (the tutorial draws it
 * normal), self-connections included.
 */
public class CubaLifLayer extends TimeConstantLayer {
    private static final long serialVersionUID = 1L;

    /** The tutorial's constants (ms). */
    public static final double DEFAULT_TAU_SYN = CubaModel.TAU_SYN.defaultValue();
    public static final double DEFAULT_TAU_MEM = CubaModel.TAU_MEM.defaultValue();

    private double tauSyn = DEFAULT_TAU_SYN;
    private double tauMem = DEFAULT_TAU_MEM;
    private boolean detachReset = true;

    /** For Jackson. */
    public CubaLifLayer() {
    }

    protected CubaLifLayer(Builder b) {
        super(b);
    }

    @Override
    public NeuronType neuronType() {
        return isRecurrent() ? CubaModel.RCUBA_LIF : CubaModel.CUBA_LIF;
    }

    @Override
    public List<NeuronParam> neuronParams() {
        return Collections.emptyList();
    }

    @Override
    public String[] stateNames() {
        return new String[]{"syn", "mem", "s"};
    }

    @Override
    public RecurrentInit recurrentInit() {
        return RecurrentInit.WEIGHT_INIT;
    }

    @Override
    public NeuronKernel createKernel(DataType dataType) {
        return new CubaKernel((int) getNOut(), isRecurrent(), Math.exp(-getDt() / tauSyn), Math.exp(-getDt() / tauMem),
                getThreshold(), detachReset, spikeFunction());
    }

    /** Synaptic time constant (same unit as dt). */
    public double getTauSyn() {
        return tauSyn;
    }

    public void setTauSyn(double tauSyn) {
        this.tauSyn = tauSyn;
    }

    /** Membrane time constant (same unit as dt). */
    public double getTauMem() {
        return tauMem;
    }

    public void setTauMem(double tauMem) {
        this.tauMem = tauMem;
    }

    /** No gradient through the multiplicative reset (the tutorial's {@code out.detach()}). */
    public boolean isDetachReset() {
        return detachReset;
    }

    public void setDetachReset(boolean detachReset) {
        this.detachReset = detachReset;
    }

    /** {@code new CubaLifLayer.Builder().neuronType(RCUBA_LIF).nOut(128).build()}. */
    public static class Builder extends TimeConstantLayer.Builder<Builder> {
        public Builder() {
            super(new CubaLifLayer(), CubaModel.SURROGATE, CubaModel.THRESHOLD);
        }

        @Override
        protected CubaLifLayer settings() {
            return (CubaLifLayer) super.settings();
        }

        /** CUBA_LIF or RCUBA_LIF. */
        public Builder neuronType(NeuronType type) {
            return servedType(type, CubaModel.TYPES, "a current-based LIF");
        }

        public Builder tauSyn(double tauSyn) {
            settings().tauSyn = positive("tauSyn", tauSyn);
            return this;
        }

        public Builder tauMem(double tauMem) {
            settings().tauMem = positive("tauMem", tauMem);
            return this;
        }

        public Builder detachReset(boolean detachReset) {
            settings().detachReset = detachReset;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CubaLifLayer build() {
            return built(new CubaLifLayer(this));
        }
    }
}
