package org.snnspark.pipeline.nir;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.engine.InputProjection;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;

/** Small networks of the exportable models, with weights large enough that every layer spikes. */
final class NirNetworks {
  static final int CHANNELS = 12;
  static final int CLASSES = 4;
  static final int STEPS = 25;

  private NirNetworks() {}

  static MultiLayerNetwork of(NeuronType type, ReadoutReduction readout, boolean batchNorm, long seed) {
    ModelSpec spec = new ModelSpec().withNeuron(type).withHidden(10, 8).withReadout(readout)
        .withBatchNorm(batchNorm).withDropout(0.0);
    if (type == LeakyModel.RLEAKY) {
      spec = spec.with(LeakyModel.LEARN_BETA, true).with(LeakyModel.BETA, 0.9);
    }
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, CHANNELS, CLASSES, seed, new Adam(1e-3)));
    net.init();
    Nd4j.getRandom().setSeed(seed);
    for (int i = 0; i < net.getnLayers(); i++) {
      var params = net.getLayer(i).paramTable();
      if (params.containsKey(InputProjection.W)) {
        params.get(InputProjection.W).muli(6);
      }
      if (params.containsKey("beta") && type == LeakyModel.RLEAKY) {
        params.get("beta").assign(Nd4j.rand(DataType.FLOAT, params.get("beta").shape()).muli(0.5).addi(0.45));
      }
      if (batchNorm && params.containsKey(InputProjection.BN_MEAN)) {
        // running statistics as after training, so that folding them is exercised
        params.get(InputProjection.BN_MEAN).assign(Nd4j.rand(DataType.FLOAT, params.get(InputProjection.BN_MEAN).shape()).subi(0.5));
        params.get(InputProjection.BN_VAR).assign(Nd4j.rand(DataType.FLOAT, params.get(InputProjection.BN_VAR).shape()).addi(0.5));
        params.get(InputProjection.BN_GAMMA).assign(Nd4j.rand(DataType.FLOAT, params.get(InputProjection.BN_GAMMA).shape()).addi(1));
        params.get(InputProjection.BN_BETA).assign(Nd4j.rand(DataType.FLOAT, params.get(InputProjection.BN_BETA).shape()).muli(0.2));
      }
    }
    return net;
  }

  /** Random spikes [mb, CHANNELS, STEPS], about one in three set. */
  static INDArray spikes(int mb, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, mb, CHANNELS, STEPS).gt(0.65).castTo(DataType.FLOAT);
  }
}
