package org.snnspark.models.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.engine.InputProjection;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.testutil.Sequences;

class PreciseStatisticsTest {
  private static final int IN = 5;
  private static final int STEPS = 12;
  private static final int[] LENGTHS = {12, 9, 5, 12};

  /**
   * The first layer normalises z = x W over its valid steps: its new running mean and variance
   * are the mean, over the minibatches, of each minibatch's mean and unbiased variance of z.
   */
  @Test
  void theFirstLayersStatisticsAreTheMeanOfItsMinibatchesStatistics() {
    MultiLayerNetwork net = network(true);
    List<DataSet> minibatches = List.of(minibatch(1), minibatch(2), minibatch(3));
    double[][] expected = expectedFirstLayerStatistics(net, minibatches);

    assertEquals(3, PreciseStatistics.recompute(net, minibatches), "both spiking layers and the readout");

    double[] mean = net.getLayer(0).getParam(InputProjection.BN_MEAN).toDoubleVector();
    double[] var = net.getLayer(0).getParam(InputProjection.BN_VAR).toDoubleVector();
    for (int j = 0; j < mean.length; j++) {
      assertEquals(expected[0][j], mean[j], 1e-4 * (1 + Math.abs(expected[0][j])), "mean of neuron " + j);
      assertEquals(expected[1][j], var[j], 1e-4 * (1 + expected[1][j]), "variance of neuron " + j);
    }
  }

  @Test
  void onlyTheRunningStatisticsChange() {
    MultiLayerNetwork net = network(true);
    INDArray before = net.params().dup();
    int iteration = net.getIterationCount();
    PreciseStatistics.recompute(net, List.of(minibatch(1), minibatch(2)));
    INDArray after = net.params();
    for (int i = 0; i < net.getnLayers(); i++) {
      for (String name : net.getLayer(i).paramTable().keySet()) {
        INDArray was = paramOf(net, before, i, name);
        INDArray is = net.getLayer(i).getParam(name);
        if (InputProjection.isRunningStatistic(name)) {
          if (i == 0) {
            assertNotEquals(was, is, "layer 0 " + name + " recomputed");
          }
        } else {
          assertEquals(was, is, "layer " + i + " " + name + " untouched");
        }
      }
    }
    assertEquals(before.length(), after.length());
    assertEquals(iteration, net.getIterationCount());
  }

  @Test
  void aNetworkWithoutBatchNormIsLeftAlone() {
    MultiLayerNetwork net = network(false);
    INDArray before = net.params().dup();
    assertEquals(0, PreciseStatistics.recompute(net, List.of(minibatch(1))));
    assertEquals(before, net.params());
  }

  private static MultiLayerNetwork network(boolean batchNorm) {
    ModelSpec spec = new ModelSpec().withBatchNorm(batchNorm).withHidden(6, 4).withDropout(0.0);
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, IN, 3, 7, new Adam(1e-3)));
    net.init();
    return net;
  }

  private static DataSet minibatch(long seed) {
    INDArray x = Sequences.spikes(DataType.FLOAT, seed, LENGTHS.length, IN, STEPS, 0.4);
    INDArray mask = Sequences.endPaddingMask(DataType.FLOAT, STEPS, LENGTHS);
    return new DataSet(x, Sequences.oneHot(DataType.FLOAT, LENGTHS.length, 3), mask, null);
  }

  /** [mean, unbiased variance] of z = x W over the valid steps, each averaged over the minibatches. */
  private static double[][] expectedFirstLayerStatistics(MultiLayerNetwork net, List<DataSet> minibatches) {
    INDArray w = net.getLayer(0).getParam(InputProjection.W).castTo(DataType.DOUBLE);
    int n = (int) w.columns();
    double[][] out = new double[2][n];
    for (DataSet mb : minibatches) {
      double[] sum = new double[n];
      double[] sumSq = new double[n];
      int rows = 0;
      for (int b = 0; b < LENGTHS.length; b++) {
        for (int t = 0; t < LENGTHS[b]; t++) {
          INDArray x = mb.getFeatures().get(
              point(b), all(),
              point(t)).castTo(DataType.DOUBLE).reshape(1, IN);
          double[] z = x.mmul(w).toDoubleVector();
          for (int j = 0; j < n; j++) {
            sum[j] += z[j];
            sumSq[j] += z[j] * z[j];
          }
          rows++;
        }
      }
      for (int j = 0; j < n; j++) {
        double mean = sum[j] / rows;
        out[0][j] += mean / minibatches.size();
        out[1][j] += (sumSq[j] - rows * mean * mean) / (rows - 1) / minibatches.size();
      }
    }
    return out;
  }

  private static INDArray paramOf(MultiLayerNetwork net, INDArray flat, int layer, String name) {
    MultiLayerNetwork copy = net.clone();
    copy.setParams(flat);
    return copy.getLayer(layer).getParam(name);
  }
}
