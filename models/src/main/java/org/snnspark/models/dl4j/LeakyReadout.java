package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.snnspark.models.engine.ReadoutReduction;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the non-spiking leaky-integrator readout (sparch's readout layer): per output
 * u_t = a u_{t-1} + (1 - a) (W x_t [+ bias]), optionally batch-normalised drive, then a reduction
 * over time ({@link ReadoutReduction}) to one score per output. It takes recurrent input
 * [minibatch, nIn, T] and gives feed-forward output [minibatch, nOut]; put a DL4J {@code LossLayer}
 * (softmax + MCXENT for classification) after it. a is per output, trained and clamped to
 * [e^-1/5, e^-1/25] like the LIF layers'. The features mask is consumed here: padding steps do not
 * count and no mask is passed on. Optionally the input product has learnable synaptic delays
 * ({@link org.snnspark.models.engine.SynapticDelays}), as SNN-delays' output layer.
 */
public class LeakyReadout extends FeedForwardLayer implements DelayedLayer {
    private static final long serialVersionUID = 1L;

    /** sparch's range of the readout's membrane decay a, the same as its LIF neurons': [e^-1/5, e^-1/25]. */
    public static final double ALPHA_MIN = Math.exp(-1.0 / 5);
    public static final double ALPHA_MAX = Math.exp(-1.0 / 25);

    private ReadoutReduction reduction = ReadoutReduction.SUM_SOFTMAX;
    private boolean hasBias;
    private boolean batchNorm;
    private double alphaMin = ALPHA_MIN;
    private double alphaMax = ALPHA_MAX;
    private DelaySettings delays = new DelaySettings();

    /** For Jackson. */
    public LeakyReadout() {
    }

    protected LeakyReadout(Builder b) {
        super(b);
        this.reduction = b.reduction;
        this.hasBias = b.hasBias;
        this.batchNorm = b.batchNorm;
        this.delays = b.delays;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        LayerValidation.assertNInNOutSet("LeakyReadout", getLayerName(), index, getNIn(), getNOut());
        return LayerSupport.wire(new LeakyReadoutImpl(conf, dataType), conf, initializer(), listeners, index,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return ReadoutParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        sequences(inputType);
        return InputType.feedForward(nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent in = sequences(inputType);
        if (nIn <= 0 || override) {
            nIn = in.getSize();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        sequences(inputType);
        return null;
    }

    private InputType.InputTypeRecurrent sequences(InputType inputType) {
        return LayerSupport.requireRecurrent(inputType, this, "recurrent input");
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return LayerSupport.updaterFor(paramName, super.getUpdaterByParam(paramName), delays.getLrScale());
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return LayerSupport.regularizationFor(paramName, super.getRegularizationByParam(paramName));
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        // u and the drive per output and step, doubles
        return LayerSupport.memoryReport(this, inputType, getOutputType(-1, inputType),
                initializer().numParams(this), nOut * 8L * 2);
    }

    /** The leak a: clamped to [alphaMin, alphaMax] in use, initialised uniform in it. */
    public NeuronParam alphaParam() {
        return NeuronParam.clamped(ReadoutParamInitializer.ALPHA, alphaMin, alphaMax, alphaMin, alphaMax);
    }

    public ReadoutReduction getReduction() {
        return reduction;
    }

    public void setReduction(ReadoutReduction reduction) {
        this.reduction = reduction;
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

    /** Learnable synaptic delays of the input product; none by default. */
    @Override
    public DelaySettings getDelays() {
        return delays;
    }

    public void setDelays(DelaySettings delays) {
        this.delays = Objects.requireNonNull(delays, "delays");
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LeakyReadout) || !super.equals(o)) {
            return false;
        }
        LeakyReadout r = (LeakyReadout) o;
        return reduction == r.reduction && hasBias == r.hasBias && batchNorm == r.batchNorm
                && alphaMin == r.alphaMin && alphaMax == r.alphaMax && delays.equals(r.delays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), reduction, hasBias, batchNorm, alphaMin, alphaMax, delays);
    }

    @Override
    public String toString() {
        return "LeakyReadout(nIn=" + nIn + ", nOut=" + nOut + ", reduction=" + reduction + ", batchNorm="
                + batchNorm + ", bias=" + hasBias + (delays.on() ? ", delays " + delays : "") + ")";
    }

    /** Builder in DL4J's style: {@code new LeakyReadout.Builder().nOut(20).reduction(MAX).build()}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private ReadoutReduction reduction = ReadoutReduction.SUM_SOFTMAX;
        private boolean hasBias;
        private boolean batchNorm;
        private DelaySettings delays = new DelaySettings();

        public Builder reduction(ReadoutReduction reduction) {
            if (!reduction.isLeakyReadout()) {
                throw new IllegalArgumentException(reduction + " is not a reduction of the leaky readout:"
                        + " use a spiking output layer and SpikeCountOutput");
            }
            this.reduction = reduction;
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

        /** Learnable synaptic delays of up to {@code maxDelay} steps on the input (0 = none), as the spiking layers'. */
        public Builder delays(int maxDelay, int annealEpochs, double lrScale) {
            this.delays = DelaySettings.of(maxDelay, annealEpochs, lrScale);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LeakyReadout build() {
            return new LeakyReadout(this);
        }
    }
}
