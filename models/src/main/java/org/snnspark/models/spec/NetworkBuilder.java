package org.snnspark.models.spec;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.snnspark.models.neuron.NeuronType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.dl4j.LeakyReadout;
import org.snnspark.models.dl4j.SpikeCountOutput;

import java.util.Objects;
import org.snnspark.models.engine.ReadoutReduction;

/**
 * Turns a {@link ModelSpec} into a DL4J {@link MultiLayerConfiguration}:
 * <pre>
 *   input [mb, nIn, T] (NCW, optional features mask [mb, T])
 *   -> spiking layer x spec.hidden.length   (spikes [mb, h, T]; the neuron model's layer class)
 *   -> LeakyReadout with the spec's time reduction   ([mb, nClasses])
 *   -> LossLayer softmax + MCXENT            (labels one-hot [mb, nClasses], no labels mask)
 * </pre>
 * or, for readout SPIKE_COUNT (snnTorch's recipe), after the hidden layers:
 * <pre>
 *   -> spiking layer of nClasses neurons (same model, no dropout)  ([mb, nClasses, T])
 *   -> SpikeCountOutput: spike counts [mb, nClasses], mse_count_loss against the one-hot labels
 * </pre>
 * Bidirectional layers (sparch's: the reversed sequence through the same parameters) emit
 * 2 h values per step, and the next layer's input size follows. With synaptic delays every
 * layer delays its inputs: the spiking layers, the SPIKE_COUNT output layer and, unless the spec
 * says otherwise, the leaky readout (SNN-delays' output layer has them too).
 * Weights start as PyTorch's {@code nn.Linear} does (uniform, bound 1/sqrt(fan-in); DL4J's
 * {@code WeightInit.UNIFORM}), the other parameters as each model's reference initialises them.
 * Settings the spec leaves unset (surrogate, threshold, time constants) are the model's
 * reference values. Dropout is sparch's: on the spikes leaving every spiking layer. The
 * configuration is plain JSON-serialisable DL4J configuration, so it survives ModelSerializer and
 * DL4J-Spark's shipping to executors.
 */
public final class NetworkBuilder {
    private NetworkBuilder() {
    }

    /** A float32 network (what training uses). */
    public static MultiLayerConfiguration build(ModelSpec spec, int nIn, int nClasses, long seed, IUpdater updater) {
        return build(spec, nIn, nClasses, seed, updater, DataType.FLOAT);
    }

    /** As {@link #build(ModelSpec, int, int, long, IUpdater)} with the network's data type (DOUBLE for checks). */
    public static MultiLayerConfiguration build(ModelSpec spec, int nIn, int nClasses, long seed, IUpdater updater,
                                                DataType dataType) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(updater, "updater");
        if (nIn <= 0 || nClasses <= 0) {
            throw new IllegalArgumentException("nIn and nClasses must be > 0, got " + nIn + ", " + nClasses);
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .dataType(dataType)
                .weightInit(WeightInit.UNIFORM)
                .list();
        int index = 0;
        for (int h : spec.getHidden()) {
            BaseSpikingLayer layer = spikingLayer(spec, h);
            // the data's gradient trains nothing: the first layer skips its largest backward product
            layer.setInputGradient(index > 0);
            list.layer(index++, layer);
        }
        if (spec.getReadout() == ReadoutReduction.SPIKE_COUNT) {
            // snnTorch's setting: the output layer is spiking too, no dropout on what is scored
            list.layer(index++, spikingOutput(spec, nClasses));
            list.layer(index, new SpikeCountOutput.Builder()
                    .rates(spec.getCountCorrectRate(), spec.getCountIncorrectRate())
                    .build());
        } else {
            LeakyReadout.Builder readout = new LeakyReadout.Builder()
                    .nOut(nClasses)
                    .reduction(spec.getReadout())
                    .batchNorm(spec.isBatchNorm());
            if (spec.isReadoutDelays()) {
                readout.delays(spec.getMaxDelay(), spec.getDelayAnnealEpochs(), spec.getDelayLrScale());
            }
            list.layer(index++, readout.build());
            list.layer(index, softmaxLoss(nClasses));
        }
        return list.setInputType(InputType.recurrent(nIn)).build();
    }

    /**
     * The same configuration with the first layer's input gradient switched back on, for uses
     * that want dL/d(input) of a built network ({@code MultiLayerNetwork.calculateGradients},
     * saliency maps, adversarial examples); training does not need it. Changes {@code conf} in
     * place and returns it.
     */
    public static MultiLayerConfiguration withInputGradient(MultiLayerConfiguration conf) {
        if (!conf.getConfs().isEmpty() && conf.getConf(0).getLayer() instanceof BaseSpikingLayer) {
            ((BaseSpikingLayer) conf.getConf(0).getLayer()).setInputGradient(true);
        }
        return conf;
    }

    /**
     * Softmax + MCXENT on [mb, nClasses] scores, with its sizes set. DL4J's LossLayer builder
     * leaves nOut at 0 (its int setters throw: "no parameters"), so the configuration builder's
     * shape inference would create {@code InputType.feedForward(0)} for it and log "Assigning a
     * size of zero"; a loss layer passes its input through, so nIn = nOut = nClasses is exact.
     */
    public static LossLayer softmaxLoss(int nClasses) {
        LossLayer loss = new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX)
                .build();
        loss.setNIn(nClasses);
        loss.setNOut(nClasses);
        return loss;
    }

    /** The spiking output layer of readout SPIKE_COUNT: one neuron per class, one direction, no dropout. */
    private static BaseSpikingLayer spikingOutput(ModelSpec spec, int nClasses) {
        BaseSpikingLayer out = spikingLayer(spec, nClasses);
        out.setBidirectional(false);
        out.setSpikeDropout(0.0);
        return out;
    }

    /** One spiking layer of the spec's neuron model with {@code size} neurons. */
    static BaseSpikingLayer spikingLayer(ModelSpec spec, int size) {
        NeuronType type = spec.getNeuron();
        BaseSpikingLayer.Builder<?> b = NeuronModels.of(type).layer(type, spec);
        b.nOut(size);
        b.threshold(spec.effectiveThreshold());
        b.surrogate(spec.effectiveSurrogate(), spec.effectiveSurrogateParameter());
        b.batchNorm(spec.isBatchNorm());
        b.bidirectional(spec.isBidirectional());
        b.spikeDropout(spec.getDropout());
        b.rateBand(spec.getRateLow(), spec.getRateHigh(), spec.getRateStrength());
        b.delays(spec.getMaxDelay(), spec.getDelayAnnealEpochs());
        b.delayLrScale(spec.getDelayLrScale());
        return b.build();
    }
}
