package org.snnspark.models.neuron.lif;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnspark.models.engine.KernelChoice;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.neuron.NeuronType;

import java.util.ArrayList;
import java.util.List;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.dl4j.NeuronParam;

/**
 * Configuration of a layer of sparch's LIF family: LIF, RLIF (recurrent), adLIF (adaptive) and
 * RadLIF (both). Equations in {@link LifModel}.
 * <p>
 * Trained parameters besides W, bias and V (orthogonal init, zero diagonal): per neuron the
 * membrane decay a ("alpha"), and for adaptive models the adaptation decay b ("beta") and
 * couplings A and B. a, b, A, B start uniform in their ranges and are clamped to them in every
 * forward pass (gradient zero outside, as {@code torch.clamp}).
 */
public class LifLayer extends BaseSpikingLayer {
    private static final long serialVersionUID = 1L;

    public static final String ALPHA = "alpha";
    public static final String BETA = "beta";
    public static final String A = "A";
    public static final String B = "B";

    /** sparch's ranges: a in [e^-1/5, e^-1/25], b in [e^-1/30, e^-1/120], A in [-1, 1], B in [0, 2]. */
    public static final double ALPHA_MIN = Math.exp(-1.0 / 5);
    public static final double ALPHA_MAX = Math.exp(-1.0 / 25);
    public static final double BETA_MIN = Math.exp(-1.0 / 30);
    public static final double BETA_MAX = Math.exp(-1.0 / 120);

    private boolean adaptive;
    private double alphaMin = ALPHA_MIN;
    private double alphaMax = ALPHA_MAX;
    private double betaMin = BETA_MIN;
    private double betaMax = BETA_MAX;
    private double adaptAMin = -1;
    private double adaptAMax = 1;
    private double adaptBMin = 0;
    private double adaptBMax = 2;

    /** For Jackson. */
    public LifLayer() {
    }

    protected LifLayer(Builder b) {
        super(b);
    }

    @Override
    public NeuronType neuronType() {
        if (isRecurrent()) {
            return adaptive ? LifModel.RADLIF : LifModel.RLIF;
        }
        return adaptive ? LifModel.ADLIF : LifModel.LIF;
    }

    @Override
    public List<NeuronParam> neuronParams() {
        List<NeuronParam> p = new ArrayList<>();
        p.add(NeuronParam.clamped(ALPHA, alphaMin, alphaMax, alphaMin, alphaMax));
        if (adaptive) {
            p.add(NeuronParam.clamped(BETA, betaMin, betaMax, betaMin, betaMax));
            p.add(NeuronParam.clamped(A, adaptAMin, adaptAMax, adaptAMin, adaptAMax));
            p.add(NeuronParam.clamped(B, adaptBMin, adaptBMax, adaptBMin, adaptBMax));
        }
        return p;
    }

    @Override
    public String[] stateNames() {
        return adaptive ? new String[]{"u", "s", "w"} : new String[]{"u", "s"};
    }

    @Override
    public RecurrentInit recurrentInit() {
        return RecurrentInit.ORTHOGONAL_ZERO_DIAGONAL;
    }

    /** The Java-loop kernel on ND4J's CPU backend, the ND4J-operations kernel elsewhere ({@link KernelChoice}). */
    @Override
    public NeuronKernel createKernel(DataType dataType) {
        int n = (int) getNOut();
        return KernelChoice.current() == KernelChoice.ND4J
                ? new Nd4jLifKernel(n, isRecurrent(), adaptive, getThreshold(), spikeFunction(), dataType)
                : new LifKernel(n, isRecurrent(), adaptive, getThreshold(), spikeFunction());
    }

    public boolean isAdaptive() {
        return adaptive;
    }

    public void setAdaptive(boolean adaptive) {
        this.adaptive = adaptive;
    }

    public double getAlphaMin() {
        return alphaMin;
    }

    public void setAlphaMin(double alphaMin) {
        this.alphaMin = alphaMin;
    }

    public double getAlphaMax() {
        return alphaMax;
    }

    public void setAlphaMax(double alphaMax) {
        this.alphaMax = alphaMax;
    }

    public double getBetaMin() {
        return betaMin;
    }

    public void setBetaMin(double betaMin) {
        this.betaMin = betaMin;
    }

    public double getBetaMax() {
        return betaMax;
    }

    public void setBetaMax(double betaMax) {
        this.betaMax = betaMax;
    }

    public double getAdaptAMin() {
        return adaptAMin;
    }

    public void setAdaptAMin(double adaptAMin) {
        this.adaptAMin = adaptAMin;
    }

    public double getAdaptAMax() {
        return adaptAMax;
    }

    public void setAdaptAMax(double adaptAMax) {
        this.adaptAMax = adaptAMax;
    }

    public double getAdaptBMin() {
        return adaptBMin;
    }

    public void setAdaptBMin(double adaptBMin) {
        this.adaptBMin = adaptBMin;
    }

    public double getAdaptBMax() {
        return adaptBMax;
    }

    public void setAdaptBMax(double adaptBMax) {
        this.adaptBMax = adaptBMax;
    }

    /** Builder in DL4J's style: {@code new LifLayer.Builder().neuronType(RADLIF).nOut(128).build()}. */
    public static class Builder extends BaseSpikingLayer.Builder<Builder> {
        public Builder() {
            super(new LifLayer(), LifModel.SURROGATE, LifModel.THRESHOLD);
        }

        @Override
        protected LifLayer settings() {
            return (LifLayer) super.settings();
        }

        /** Sets both model flags from a LIF-family neuron type. */
        public Builder neuronType(NeuronType type) {
            settings().adaptive = type.isAdaptive();
            return servedType(type, LifModel.TYPES, "a LIF-family neuron");
        }

        public Builder adaptive(boolean adaptive) {
            settings().adaptive = adaptive;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LifLayer build() {
            return built(new LifLayer(this));
        }
    }
}
