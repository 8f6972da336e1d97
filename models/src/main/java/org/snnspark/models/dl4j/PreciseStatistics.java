package org.snnspark.models.dl4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.snnspark.models.engine.InputProjection;
import org.snnspark.models.engine.TimeMajor;

/**
 * Batch-norm running statistics recomputed for a network's current weights ("precise BN", Wu and
 * Johnson 2021, "Rethinking 'Batch' in BatchNorm"): each layer's running mean and variance become
 * the mean, over a set of training minibatches, of the mean and unbiased variance that the layer
 * computes of each minibatch in a training step.
 * <p>
 * Why: the running statistics are an exponential average with momentum
 * {@value InputProjection#BN_MOMENTUM} a minibatch, so they describe the weights of the last 20 or so
 * minibatches. After large steps (a high learning rate; N workers' averaged steps, each standing for
 * N minibatches) they describe weights the network no longer has, and inference with them can fall
 * to chance while the training loss keeps falling. Training itself normalises with each
 * minibatch's own statistics, so only inference (validation, test, the saved model) changes: the
 * weights are left as they are.
 */
public final class PreciseStatistics {
  private PreciseStatistics() {
  }

  /**
   * Replaces {@code net}'s batch-norm running statistics by those of {@code minibatches} at its
   * current weights (a training-mode pass on a copy of the network; nothing else of {@code net}
   * changes).
   *
   * @return how many layers' statistics were replaced (0 when the network has no batch-norm)
   */
  public static int recompute(MultiLayerNetwork net, List<DataSet> minibatches) {
    if (minibatches.isEmpty() || !hasBatchNorm(net)) {
      return 0;
    }
    MultiLayerNetwork copy = net.clone();
    int iteration = net.getIterationCount();
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (int i = 0; i < minibatches.size(); i++) {
      for (Map.Entry<String, INDArray> e : MinibatchGradients.of(copy, minibatches.get(i), iteration + i).entrySet()) {
        if (isStatistic(e.getKey())) {
          addBatchStatistic(sums, e.getKey(), param(net, e.getKey()), e.getValue());
        }
      }
    }
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      double[] mean = e.getValue();
      for (int j = 0; j < mean.length; j++) {
        mean[j] /= minibatches.size();
      }
      TimeMajor.write(mean, param(net, e.getKey()));
    }
    return sums.size() / 2;
  }

  /**
   * The layer's "gradient" of a running statistic is {@code momentum (running - batch)}; the
   * minibatch's own statistic is recovered from it and the running value it was taken against.
   */
  private static void addBatchStatistic(Map<String, double[]> sums, String key, INDArray running, INDArray delta) {
    double[] run = new double[(int) running.length()];
    double[] d = new double[run.length];
    TimeMajor.read(running, run);
    TimeMajor.read(delta.dup('c'), d);
    double[] sum = sums.computeIfAbsent(key, k -> new double[run.length]);
    for (int j = 0; j < run.length; j++) {
      sum[j] += run[j] - d[j] / InputProjection.BN_MOMENTUM;
    }
  }

  private static boolean hasBatchNorm(MultiLayerNetwork net) {
    for (int i = 0; i < net.getnLayers(); i++) {
      if (net.getLayer(i).paramTable().containsKey(InputProjection.BN_MEAN)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isStatistic(String gradientKey) {
    String name = MinibatchGradients.param(gradientKey);
    return InputProjection.BN_MEAN.equals(name) || InputProjection.BN_VAR.equals(name);
  }

  /** The parameter of a gradient key {@code "layer_name"}. */
  private static INDArray param(MultiLayerNetwork net, String gradientKey) {
    return net.getLayer(MinibatchGradients.layer(gradientKey)).getParam(MinibatchGradients.param(gradientKey));
  }
}
