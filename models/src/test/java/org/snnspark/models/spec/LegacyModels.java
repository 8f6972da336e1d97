package org.snnspark.models.spec;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.neuron.singlespike.SingleSpikeModel;
import org.snnspark.models.testutil.Sequences;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snnspark.models.engine.ReadoutReduction;

/**
 * Tiny networks of every neuron model, saved as ModelSerializer zips under
 * {@code src/test/resources/legacy-models} by the code of their time, which {@code LegacyModelsTest}
 * must keep loading: DL4J names each layer configuration's class in the zip's JSON, so a model
 * saved before a class moved still names it where it was.
 */
final class LegacyModels {
  static final String DIR = "/legacy-models/";
  static final int N_IN = 6;
  static final int CLASSES = 3;
  static final int STEPS = 8;
  static final int BATCH = 4;

  private LegacyModels() {
  }

  /** Name -> spec, settings varied so every layer and readout class and most fields appear. */
  static Map<String, ModelSpec> specs() {
    Map<String, ModelSpec> m = new LinkedHashMap<>();
    for (NeuronType type : NeuronType.values()) {
      m.put(type.name().toLowerCase(), new ModelSpec().withNeuron(type).withHidden(5, 4).withBatchNorm(true)
          .with(LeakyModel.LEARN_BETA, type == LeakyModel.RLEAKY || type == SingleSpikeModel.SINGLE_SPIKE));
    }
    m.put("radlif-bidirectional-max", new ModelSpec().withBatchNorm(false).withHidden(5).withBidirectional(true)
        .withReadout(ReadoutReduction.MAX).withRateBand(0.01, 0.5, 0.1));
    m.put("leaky-spike-count", new ModelSpec().withBatchNorm(false).withNeuron(LeakyModel.LEAKY).withHidden(5)
        .withReadout(ReadoutReduction.SPIKE_COUNT).withCountRates(0.8, 0.1));
    return m;
  }

  /** The fixed input every fixture is evaluated on. */
  static INDArray input() {
    return Sequences.spikes(DataType.FLOAT, 5, BATCH, N_IN, STEPS, 0.4);
  }

  /** A network of {@code spec} after two training steps, so its parameters and updater state are not the initial ones. */
  static MultiLayerNetwork trained(ModelSpec spec) {
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, N_IN, CLASSES, 7, new Adam(1e-2)));
    net.init();
    DataSet ds = new DataSet(input(), Sequences.oneHot(DataType.FLOAT, BATCH, CLASSES));
    net.fit(ds);
    net.fit(ds);
    return net;
  }
}
