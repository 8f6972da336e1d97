package org.snnspark.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GradientNoiseScaleTest {
  private static final int SAMPLES = 256;

  /**
   * The estimate against the truth computed from every sample's own gradient: tr S is the per-sample
   * gradients' covariance trace, |G|^2 their mean's squared norm. Averaged over random partitions of
   * the samples into minibatches, the estimates are unbiased for both.
   */
  @Test
  void estimatesTheCovarianceTraceAndTheMeanGradientOfPerSampleGradients() {
    MultiLayerNetwork net = smallNetwork();
    List<DataSet> samples = samples(SAMPLES, 3);
    double[][] perSample = new double[SAMPLES][];
    for (int i = 0; i < SAMPLES; i++) {
      perSample[i] = GradientNoiseScale.trainedGradient(net, samples.get(i), 0);
    }
    double[] mean = new double[perSample[0].length];
    for (double[] g : perSample) {
      for (int j = 0; j < g.length; j++) {
        mean[j] += g[j] / SAMPLES;
      }
    }
    double trace = 0;
    for (double[] g : perSample) {
      for (int j = 0; j < g.length; j++) {
        trace += (g[j] - mean[j]) * (g[j] - mean[j]) / (SAMPLES - 1);
      }
    }
    double meanNorm = 0;
    for (double m : mean) {
      meanNorm += m * m;
    }
    double unbiasedNorm = meanNorm - trace / SAMPLES;

    Random order = new Random(11);
    double traceSum = 0;
    double normSum = 0;
    int partitions = 40;
    for (int p = 0; p < partitions; p++) {
      List<DataSet> shuffled = new ArrayList<>(samples);
      Collections.shuffle(shuffled, order);
      GradientNoiseScale g = GradientNoiseScale.measure(net, minibatches(shuffled, 8), 8);
      traceSum += g.traceCovariance();
      normSum += g.gradientNormSquared();
    }
    assertEquals(trace, traceSum / partitions, 0.05 * trace);
    assertEquals(unbiasedNorm, normSum / partitions, 0.05 * unbiasedNorm);
    assertTrue(trace / unbiasedNorm > 1, "the fixture's samples disagree: a noise scale above one sample");
  }

  @Test
  void aMinibatchGradientIsTheMeanOfItsSamplesGradients() {
    MultiLayerNetwork net = smallNetwork();
    List<DataSet> samples = samples(8, 5);
    double[] perSampleMean = new double[GradientNoiseScale.trainedGradient(net, samples.get(0), 0).length];
    for (DataSet s : samples) {
      double[] g = GradientNoiseScale.trainedGradient(net, s, 0);
      for (int j = 0; j < g.length; j++) {
        perSampleMean[j] += g[j] / samples.size();
      }
    }
    double[] whole = GradientNoiseScale.trainedGradient(net, DataSet.merge(samples), 0);
    assertArrayEquals(perSampleMean, whole, 1e-9);
  }

  @Test
  void minibatchesThatAgreeHaveNoNoise() {
    MultiLayerNetwork net = smallNetwork();
    DataSet one = DataSet.merge(samples(8, 7));
    GradientNoiseScale g = GradientNoiseScale.measure(net, List.of(one, one, one, one), 8);
    assertEquals(0, g.noiseScale(), 1e-9);
    assertEquals(8.0, g.epochsFactor(8, 8), 1e-6, "redundant minibatches: 8 workers, 8 times the epochs");
  }

  @Test
  void measuringLeavesTheNetworkAsItWas() {
    MultiLayerNetwork net = smallNetwork();
    INDArray before = net.params().dup();
    int iteration = net.getIterationCount();
    GradientNoiseScale.measure(net, minibatches(samples(32, 9), 8), 8);
    assertEquals(before, net.params());
    assertEquals(iteration, net.getIterationCount());
  }

  @Test
  void theEpochsFactorFollowsTheModel() {
    GradientNoiseScale g = new GradientNoiseScale(470, 1, 470, 32, 32);
    // (1 + 8 * 32 / 470) / (1 + 32 / 470)
    assertEquals(1.446, g.epochsFactor(8, 32), 1e-3);
    assertEquals(1.0, g.epochsFactor(1, 32), 1e-12);
  }

  private static MultiLayerNetwork smallNetwork() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
        .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
        .layer(new DenseLayer.Builder().nIn(6).nOut(10).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(10).nOut(3)
            .activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** Three noisy classes: each sample its class centre plus Gaussian noise. */
  private static List<DataSet> samples(int n, long seed) {
    Random r = new Random(seed);
    List<DataSet> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = i % 3;
      double[] x = new double[6];
      for (int j = 0; j < 6; j++) {
        x[j] = (j % 3 == label ? 1.0 : 0.0) + r.nextGaussian();
      }
      INDArray y = Nd4j.zeros(DataType.DOUBLE, 1, 3);
      y.putScalar(0, label, 1.0);
      out.add(new DataSet(Nd4j.create(x, new long[] {1, 6}), y));
    }
    return out;
  }

  private static List<DataSet> minibatches(List<DataSet> samples, int size) {
    List<DataSet> out = new ArrayList<>();
    for (int i = 0; i + size <= samples.size(); i += size) {
      out.add(DataSet.merge(samples.subList(i, i + size)));
    }
    return out;
  }
}
