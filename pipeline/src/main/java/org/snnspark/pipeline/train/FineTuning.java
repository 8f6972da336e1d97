package org.snnspark.pipeline.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * {@code train --init-model}: a saved network as the start of a new run. It keeps the network's
 * layers and parameters (batch-norm statistics included) and takes this run's optimizer, with no
 * state: a model trained elsewhere (or imported) carries another run's learning rate and moments,
 * or none. Counters start at zero, so schedules and Adam's bias correction start as for a new
 * network.
 */
final class FineTuning {
  private FineTuning() {}

  static MultiLayerNetwork start(MultiLayerNetwork trained, IUpdater updater) {
    MultiLayerConfiguration conf = trained.getLayerWiseConfigurations().clone();
    for (NeuralNetConfiguration layer : conf.getConfs()) {
      // parameters that are statistics keep their NoOp updater: layers choose it per parameter
      if (layer.getLayer() instanceof BaseLayer base) {
        base.setIUpdater(updater.clone());
      }
    }
    conf.setIterationCount(0);
    conf.setEpochCount(0);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init(trained.params().dup(), false);
    return net;
  }
}
