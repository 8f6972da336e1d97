package org.snnspark.models.neuron.alif;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.neuron.NeuronType;

import java.util.Arrays;
import java.util.List;
import org.snnspark.models.dl4j.TimeConstantLayer;
import org.snnspark.models.dl4j.NeuronParam;

/**
 * Configuration of an adaptive-threshold LIF layer of Yin, Corradi and Bohte (2021): recurrent
 * like their SRNN, with a per-neuron trained membrane time constant tau_m ("tauM") and adaptation
 * time constant tau_adp ("tauAdp"), used as alpha = exp(-dt / tau_m) and rho = exp(-dt / tau_adp).
 * Equations in {@link AlifModel}. Defaults are those of byin-cwi/Efficient-spiking-networks,
 * SHD/SHD_2layer_ALIF.py: b0 = 0.01 (the threshold setting), beta_a = 1.8, dt = 1,
 * tau_m ~ N(20, 5), tau_adp ~ N(150, 10), V orthogonal, multi-Gaussian surrogate (sigma 0.5,
 * h 0.15, s 6).
 */
public class AlifLayer extends TimeConstantLayer {
    private static final long serialVersionUID = 1L;

    public static final String TAU_M = "tauM";
    public static final String TAU_ADP = "tauAdp";
    /** Yin's beta (the adaptation's weight in the threshold) and initial time constants. */
    public static final double DEFAULT_BETA_A = 1.8;
    public static final double DEFAULT_TAU_M = AlifModel.TAU_MEM.defaultValue();
    public static final double DEFAULT_TAU_M_STD = 5.0;
    public static final double DEFAULT_TAU_ADP = AlifModel.TAU_ADAPT.defaultValue();
    public static final double DEFAULT_TAU_ADP_STD = 10.0;

    private double betaA = DEFAULT_BETA_A;
    private double tauMInit = DEFAULT_TAU_M;
    private double tauMInitStd = DEFAULT_TAU_M_STD;
    private double tauAdpInit = DEFAULT_TAU_ADP;
    private double tauAdpInitStd = DEFAULT_TAU_ADP_STD;

    /** For Jackson. */
    public AlifLayer() {
    }

    protected AlifLayer(Builder b) {
        super(b);
    }

    @Override
    public NeuronType neuronType() {
        return AlifModel.ALIF;
    }

    @Override
    public List<NeuronParam> neuronParams() {
        return Arrays.asList(NeuronParam.timeConstant(TAU_M, getDt(), tauMInit, tauMInitStd),
                NeuronParam.timeConstant(TAU_ADP, getDt(), tauAdpInit, tauAdpInitStd));
    }

    @Override
    public String[] stateNames() {
        return new String[]{"u", "b", "s"};
    }

    @Override
    public RecurrentInit recurrentInit() {
        return RecurrentInit.ORTHOGONAL;
    }

    @Override
    public NeuronKernel createKernel(DataType dataType) {
        return new AlifKernel((int) getNOut(), isRecurrent(), getThreshold(), betaA, getDt(), spikeFunction());
    }

    /** Weight of the adaptation variable in the threshold B = b0 + beta_a b (Yin: 1.8). */
    public double getBetaA() {
        return betaA;
    }

    public void setBetaA(double betaA) {
        this.betaA = betaA;
    }

    public double getTauMInit() {
        return tauMInit;
    }

    public void setTauMInit(double tauMInit) {
        this.tauMInit = tauMInit;
    }

    public double getTauMInitStd() {
        return tauMInitStd;
    }

    public void setTauMInitStd(double tauMInitStd) {
        this.tauMInitStd = tauMInitStd;
    }

    public double getTauAdpInit() {
        return tauAdpInit;
    }

    public void setTauAdpInit(double tauAdpInit) {
        this.tauAdpInit = tauAdpInit;
    }

    public double getTauAdpInitStd() {
        return tauAdpInitStd;
    }

    public void setTauAdpInitStd(double tauAdpInitStd) {
        this.tauAdpInitStd = tauAdpInitStd;
    }

    /** {@code new AlifLayer.Builder().nOut(128).build()}; recurrent unless told otherwise. */
    public static class Builder extends TimeConstantLayer.Builder<Builder> {
        public Builder() {
            super(new AlifLayer(), AlifModel.SURROGATE, AlifModel.THRESHOLD);
            recurrent(true);
        }

        @Override
        protected AlifLayer settings() {
            return (AlifLayer) super.settings();
        }

        public Builder betaA(double betaA) {
            settings().betaA = betaA;
            return this;
        }

        /** Initial tau_m: normal with this mean and standard deviation. */
        public Builder tauMInit(double mean, double std) {
            settings().tauMInit = positive("tauM", mean);
            settings().tauMInitStd = std;
            return this;
        }

        /** Initial tau_adp: normal with this mean and standard deviation. */
        public Builder tauAdpInit(double mean, double std) {
            settings().tauAdpInit = positive("tauAdp", mean);
            settings().tauAdpInitStd = std;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public AlifLayer build() {
            return built(new AlifLayer(this));
        }
    }
}
