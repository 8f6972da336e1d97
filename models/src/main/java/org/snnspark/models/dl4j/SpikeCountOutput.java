package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.engine.SpikeCountMse;

import java.util.Collection;
import java.util.Objects;

/**
 * Output layer that scores a spiking output layer's spikes with snnTorch's spike-count MSE loss
 * ({@link SpikeCountMse}): put it after a spiking layer of nClasses neurons. It takes recurrent
 * input [minibatch, nClasses, T] (with the features mask, which it consumes) and outputs the spike
 * counts [minibatch, nClasses], so the predicted class is the output that fired most, as in
 * snnTorch's {@code accuracy_rate}. No parameters; labels are one-hot [minibatch, nClasses].
 * Defaults are snnTorch's: correct rate 1, incorrect rate 0.
 */
public class SpikeCountOutput extends FeedForwardLayer {
    private static final long serialVersionUID = 1L;

    private double correctRate = 1.0;
    private double incorrectRate = 0.0;

    /** For Jackson. */
    public SpikeCountOutput() {
    }

    protected SpikeCountOutput(Builder b) {
        super(b);
        this.correctRate = b.correctRate;
        this.incorrectRate = b.incorrectRate;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerSupport.wire(new SpikeCountOutputImpl(conf, dataType), conf, initializer(), listeners, index,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(spikes(inputType).getSize());
    }

    /** One count per input channel: nOut = nIn. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeRecurrent in = spikes(inputType);
        if (nIn <= 0 || override) {
            nIn = in.getSize();
            nOut = nIn;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        spikes(inputType);
        return null;
    }

    private InputType.InputTypeRecurrent spikes(InputType inputType) {
        return LayerSupport.requireRecurrent(inputType, this, "the spikes of a spiking layer");
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        // counts and targets per class, the input gradient per step: doubles
        return LayerSupport.memoryReport(this, inputType, getOutputType(-1, inputType), 0, nIn * 8L);
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    /** A new loss for this configuration. */
    public SpikeCountMse loss() {
        return new SpikeCountMse(correctRate, incorrectRate);
    }

    /** Target firing rate (spikes per step) of the labelled class's output. */
    public double getCorrectRate() {
        return correctRate;
    }

    public void setCorrectRate(double correctRate) {
        this.correctRate = correctRate;
    }

    /** Target firing rate of every other output. */
    public double getIncorrectRate() {
        return incorrectRate;
    }

    public void setIncorrectRate(double incorrectRate) {
        this.incorrectRate = incorrectRate;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SpikeCountOutput) || !super.equals(o)) {
            return false;
        }
        SpikeCountOutput l = (SpikeCountOutput) o;
        return correctRate == l.correctRate && incorrectRate == l.incorrectRate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), correctRate, incorrectRate);
    }

    @Override
    public String toString() {
        return "SpikeCountOutput(nIn=" + nIn + ", correctRate=" + correctRate + ", incorrectRate=" + incorrectRate + ")";
    }

    /** {@code new SpikeCountOutput.Builder().rates(0.8, 0.2).build()}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private double correctRate = 1.0;
        private double incorrectRate = 0.0;

        /** snnTorch's correct_rate and incorrect_rate, both in [0, 1]. */
        public Builder rates(double correctRate, double incorrectRate) {
            SpikeCountMse.validate(correctRate, incorrectRate);
            this.correctRate = correctRate;
            this.incorrectRate = incorrectRate;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public SpikeCountOutput build() {
            return new SpikeCountOutput(this);
        }
    }
}
