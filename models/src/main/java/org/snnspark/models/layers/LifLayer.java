package org.snnspark.models.layers;

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
import org.snnspark.models.spec.NeuronType;
import org.snnspark.models.spec.SurrogateKind;
import org.snnspark.models.surrogate.SpikeFunction;
import org.snnspark.models.surrogate.SpikeFunctions;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of a layer of sparch's LIF family: LIF, RLIF (recurrent), adLIF (adaptive) and
 * RadLIF (both), on [minibatch, channels, time] input, emitting spikes of the same layout.
 * Equations in {@link org.snnspark.models.kernel.LifKernel}; implementation {@link LifLayerImpl}.
 * <p>
 * Trained parameters (see {@link LifParamInitializer}): input weights W, optional bias, recurrent
 * weights V (orthogonal init, zero diagonal), and per neuron the membrane decay a ("alpha"), and
 * for adaptive models the adaptation decay b ("beta") and couplings A and B. a, b, A, B start
 * uniform in their ranges and are clamped to them in every forward pass (gradient zero outside,
 * as {@code torch.clamp}). Optional batch-norm of W x over batch x time; optional dropout of the
 * emitted spikes (inverted: kept spikes are scaled by 1 / (1 - p)).
 * <p>
 * A plain bean for Jackson (DL4J ships configurations to Spark executors as JSON): public no-arg
 * constructor, getters and setters for every field.
 */
public class LifLayer extends BaseRecurrentLayer {
    private static final long serialVersionUID = 1L;

    /** sparch's ranges: a in [e^-1/5, e^-1/25], b in [e^-1/30, e^-1/120], A in [-1, 1], B in [0, 2]. */
    public static final double ALPHA_MIN = Math.exp(-1.0 / 5);
    public static final double ALPHA_MAX = Math.exp(-1.0 / 25);
    public static final double BETA_MIN = Math.exp(-1.0 / 30);
    public static final double BETA_MAX = Math.exp(-1.0 / 120);

    private boolean recurrent;
    private boolean adaptive;
    private boolean hasBias;
    private boolean batchNorm;
    private boolean bidirectional;
    private double threshold = 1.0;
    private SurrogateKind surrogate = SurrogateKind.BOXCAR;
    private double surrogateParameter = SurrogateKind.BOXCAR.defaultParameter();
    private double spikeDropout;
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
        this.recurrent = b.recurrent;
        this.adaptive = b.adaptive;
        this.hasBias = b.hasBias;
        this.batchNorm = b.batchNorm;
        this.bidirectional = b.bidirectional;
        this.threshold = b.threshold;
        this.surrogate = b.surrogate;
        this.surrogateParameter = Double.isNaN(b.surrogateParameter) ? b.surrogate.defaultParameter()
                : b.surrogateParameter;
        this.spikeDropout = b.spikeDropout;
        // fail at configuration time, not in the first forward pass on an executor
        SpikeFunctions.create(surrogate, surrogateParameter);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        LayerValidation.assertNInNOutSet("LifLayer", getLayerName(), index, getNIn(), getNOut());
        return LayerSupport.wire(new LifLayerImpl(conf, dataType), conf, initializer(), listeners, index,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return LifParamInitializer.getInstance();
    }

    /** nOut neurons per step, or 2 nOut when bidirectional (forward spikes, then backward ones). */
    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null || inputType.getType() != InputType.Type.RNN) {
            throw new IllegalStateException("LifLayer (layer " + getLayerName() + ", index " + layerIndex
                    + ") needs recurrent input [minibatch, channels, time], got " + inputType);
        }
        InputType.InputTypeRecurrent in = (InputType.InputTypeRecurrent) inputType;
        return InputType.recurrent(bidirectional ? 2 * nOut : nOut, in.getTimeSeriesLength(), rnnDataFormat);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return LayerSupport.updaterFor(paramName, super.getUpdaterByParam(paramName));
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return LayerSupport.regularizationFor(paramName, super.getRegularizationByParam(paramName));
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        // u, s, pre (and w) per neuron and step, doubles, plus the spikes' gradient in backprop
        long perStep = nOut * 8L * (adaptive ? 5 : 4) * (bidirectional ? 2 : 1);
        return LayerSupport.memoryReport(this, inputType, getOutputType(-1, inputType),
                initializer().numParams(this), perStep);
    }

    /** The neuron model this configuration implements. */
    public NeuronType neuronType() {
        if (recurrent) {
            return adaptive ? NeuronType.RADLIF : NeuronType.RLIF;
        }
        return adaptive ? NeuronType.ADLIF : NeuronType.LIF;
    }

    /** A new spike function instance for this configuration. */
    public SpikeFunction spikeFunction() {
        return SpikeFunctions.create(surrogate, surrogateParameter);
    }

    public boolean isRecurrent() {
        return recurrent;
    }

    public void setRecurrent(boolean recurrent) {
        this.recurrent = recurrent;
    }

    public boolean isAdaptive() {
        return adaptive;
    }

    public void setAdaptive(boolean adaptive) {
        this.adaptive = adaptive;
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

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LifLayer) || !super.equals(o)) {
            return false;
        }
        LifLayer l = (LifLayer) o;
        return recurrent == l.recurrent && adaptive == l.adaptive && hasBias == l.hasBias
                && batchNorm == l.batchNorm && bidirectional == l.bidirectional && threshold == l.threshold && surrogate == l.surrogate
                && surrogateParameter == l.surrogateParameter && spikeDropout == l.spikeDropout
                && alphaMin == l.alphaMin && alphaMax == l.alphaMax && betaMin == l.betaMin
                && betaMax == l.betaMax && adaptAMin == l.adaptAMin && adaptAMax == l.adaptAMax
                && adaptBMin == l.adaptBMin && adaptBMax == l.adaptBMax;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), recurrent, adaptive, hasBias, batchNorm, bidirectional, threshold, surrogate,
                surrogateParameter, spikeDropout, alphaMin, alphaMax, betaMin, betaMax, adaptAMin, adaptAMax,
                adaptBMin, adaptBMax);
    }

    @Override
    public String toString() {
        return "LifLayer(" + neuronType() + ", nIn=" + nIn + ", nOut=" + nOut + ", surrogate=" + surrogate
                + "(" + surrogateParameter + "), threshold=" + threshold + ", batchNorm=" + batchNorm
                + ", bidirectional=" + bidirectional
                + ", bias=" + hasBias + ", spikeDropout=" + spikeDropout + ")";
    }

    /** Builder in DL4J's style: {@code new LifLayer.Builder().neuronType(RADLIF).nOut(128).build()}. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        private boolean recurrent;
        private boolean adaptive;
        private boolean hasBias;
        private boolean batchNorm;
        private boolean bidirectional;
        private double threshold = 1.0;
        private SurrogateKind surrogate = SurrogateKind.BOXCAR;
        private double surrogateParameter = Double.NaN;
        private double spikeDropout;

        /** Sets both model flags from a LIF-family neuron type. */
        public Builder neuronType(NeuronType type) {
            switch (type) {
                case LIF:
                case RLIF:
                case ADLIF:
                case RADLIF:
                    this.recurrent = type.isRecurrent();
                    this.adaptive = type.isAdaptive();
                    return this;
                default:
                    throw new IllegalArgumentException(type + " is not a LIF-family neuron");
            }
        }

        public Builder recurrent(boolean recurrent) {
            this.recurrent = recurrent;
            return this;
        }

        public Builder adaptive(boolean adaptive) {
            this.adaptive = adaptive;
            return this;
        }

        public Builder hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return this;
        }

        public Builder batchNorm(boolean batchNorm) {
            this.batchNorm = batchNorm;
            return this;
        }

        /** Forward and reversed sequence with shared parameters; output 2 nOut per step. */
        public Builder bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return this;
        }

        public Builder threshold(double threshold) {
            if (!(threshold > 0)) {
                throw new IllegalArgumentException("threshold must be > 0: " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /** The spike function; the parameter defaults to the kind's reference value. */
        public Builder surrogate(SurrogateKind kind) {
            this.surrogate = Objects.requireNonNull(kind);
            return this;
        }

        public Builder surrogate(SurrogateKind kind, double parameter) {
            this.surrogate = Objects.requireNonNull(kind);
            this.surrogateParameter = parameter;
            return this;
        }

        /** Probability of dropping each emitted spike during training (0 = off). */
        public Builder spikeDropout(double p) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("spike dropout must be in [0, 1): " + p);
            }
            this.spikeDropout = p;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LifLayer build() {
            return new LifLayer(this);
        }
    }
}
