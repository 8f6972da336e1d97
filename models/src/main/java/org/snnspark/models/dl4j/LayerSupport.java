package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.snnspark.models.engine.InputProjection;
import org.snnspark.models.engine.SynapticDelays;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What the layer configurations here have in common, whatever DL4J base class they extend. */
final class LayerSupport {
    private LayerSupport() {
    }

    /**
     * The layer's updater, except: NoOp for what is not trained (batch-norm running statistics,
     * which carry their update as is, and the delays' sigma), and for the delay positions the same
     * updater at {@code delayLrScale} times its learning rate (built from the layer's updater at
     * every call, so a learning rate set later, {@code MultiLayerNetwork.setLearningRate}, carries
     * over). A learning-rate schedule of the updater itself is not scaled: positions would train at
     * a fixed rate, so it is refused.
     */
    static IUpdater updaterFor(String param, IUpdater inherited, double delayLrScale) {
        if (InputProjection.isRunningStatistic(param)) {
            return new NoOp();
        }
        if (!SynapticDelays.POSITIONS.equals(param) || delayLrScale == 1.0 || inherited == null
                || !inherited.hasLearningRate()) {
            return inherited;
        }
        double lr = inherited.getLearningRate(0, 0);
        if (lr != inherited.getLearningRate(1_000_000, 1_000)) {
            throw new UnsupportedOperationException("synaptic delays with an updater learning-rate schedule: the"
                    + " positions' rate (x" + delayLrScale + ") would not follow it; set the rate per epoch instead");
        }
        IUpdater scaled = inherited.clone();
        scaled.setLrAndSchedule(lr * delayLrScale, null);
        return scaled;
    }

    /** No weight decay on running statistics (they are not parameters in the optimisation sense). */
    static List<Regularization> regularizationFor(String param, List<Regularization> inherited) {
        return InputProjection.isRunningStatistic(param) ? Collections.emptyList() : inherited;
    }

    /**
     * The input type as recurrent ([minibatch, channels, time]), or a configuration error naming
     * the layer: every layer here consumes sequences.
     */
    static InputType.InputTypeRecurrent requireRecurrent(InputType inputType, Layer layer, String needs) {
        if (inputType == null || inputType.getType() != InputType.Type.RNN) {
            throw new IllegalStateException(layer.getClass().getSimpleName() + " (layer " + layer.getLayerName()
                    + ") needs " + needs + " [minibatch, channels, time], got " + inputType);
        }
        return (InputType.InputTypeRecurrent) inputType;
    }

    /** The wiring every DL4J layer configuration does in {@code instantiate}. */
    static <L extends org.deeplearning4j.nn.layers.BaseLayer<?>> L wire(L layer, NeuralNetConfiguration conf,
            ParamInitializer init, Collection<TrainingListener> listeners, int index, INDArray paramsView,
            boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> table = init.init(conf, paramsView, initializeParams);
        layer.setParamTable(table);
        layer.setConf(conf);
        return layer;
    }

    /**
     * A rough memory report: parameters and updater state as DL4J counts them, plus the layer's
     * Java working arrays ({@code workingPerStep} values per example and step) as working memory.
     */
    static LayerMemoryReport memoryReport(BaseLayer layer, InputType in, InputType out, long numParams,
                                          long workingPerStep) {
        long updaterState = layer.getIUpdater() == null ? 0 : layer.getIUpdater().stateSize(numParams);
        long steps = in instanceof InputType.InputTypeRecurrent
                ? Math.max(1, ((InputType.InputTypeRecurrent) in).getTimeSeriesLength()) : 1;
        long working = workingPerStep * steps;
        return new LayerMemoryReport.Builder(layer.getLayerName(), layer.getClass(), in, out)
                .standardMemory(numParams, updaterState)
                .workingMemory(0, working, MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }
}
