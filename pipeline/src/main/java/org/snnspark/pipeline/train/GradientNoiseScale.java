package org.snnspark.pipeline.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;
import org.snnspark.models.dl4j.MinibatchGradients;

/**
 * The gradient noise scale of McCandlish, Kaplan, Amodei et al. (2018), "An Empirical Model of
 * Large-Batch Training": {@code B_noise = tr(S) / |G|^2}, with G the loss gradient over the
 * training data and S the covariance of one sample's gradient. It is the batch size up to which
 * larger batches buy proportionally fewer steps: under their model, batch B needs
 * {@code S_min (1 + B_noise / B)} steps and {@code E_min (1 + B / B_noise)} samples. N data-parallel
 * workers of batch b average like one batch of N b, so they need
 * {@link #epochsFactor(int, int) (1 + N b / B_noise) / (1 + b / B_noise)} times one worker's epochs.
 * <p>
 * Estimated as in their appendix A from K minibatch gradients g_i of b samples at the network's
 * current parameters: with {@code B = K b} and {@code G_B} their mean,
 * {@code E|g_i|^2 = |G|^2 + tr S / b} and {@code E|G_B|^2 = |G|^2 + tr S / B}, so
 * <pre>
 *   |G|^2 ~ (B |G_B|^2 - b mean|g_i|^2) / (B - b)      tr S ~ (mean|g_i|^2 - |G_B|^2) / (1/b - 1/B)
 * </pre>
 * Parameters the optimiser does not train (batch-norm's running statistics: their "gradient" is
 * the statistics' update) are left out. The gradients are the training step's own: training-mode
 * forward pass, spike dropout drawn per minibatch as in training.
 *
 * @param noiseScale {@code tr S / |G|^2}, in samples; NaN when the estimate of {@code |G|^2} is not
 *     positive (the mean gradient is lost in the noise of K minibatches: measure on more)
 * @param gradientNormSquared the estimate of {@code |G|^2}
 * @param traceCovariance the estimate of {@code tr S}
 * @param minibatches K
 * @param batchSize b
 */
public record GradientNoiseScale(double noiseScale, double gradientNormSquared, double traceCovariance,
    int minibatches, int batchSize) {

  /**
   * Measures at {@code net}'s current parameters on {@code minibatches} (at least two, all of
   * {@code batchSize} samples). {@code net} is not changed: the gradients are taken on a copy.
   */
  public static GradientNoiseScale measure(MultiLayerNetwork net, List<DataSet> minibatches, int batchSize) {
    if (minibatches.size() < 2) {
      throw new IllegalArgumentException("the gradient noise scale needs at least two minibatches, got "
          + minibatches.size());
    }
    MultiLayerNetwork copy = net.clone();
    int iteration = net.getIterationCount();
    double[] sum = null;
    double sumOfSquaredNorms = 0;
    for (int i = 0; i < minibatches.size(); i++) {
      DataSet mb = minibatches.get(i);
      if (mb.numExamples() != batchSize) {
        throw new IllegalArgumentException("minibatch " + i + " has " + mb.numExamples()
            + " samples, the noise scale's estimate needs " + batchSize + " in each");
      }
      // a minibatch of its own step: spike dropout draws its masks from the iteration
      double[] g = trainedGradient(copy, mb, iteration + i);
      if (sum == null) {
        sum = new double[g.length];
      }
      double sq = 0;
      for (int j = 0; j < g.length; j++) {
        sum[j] += g[j];
        sq += g[j] * g[j];
      }
      sumOfSquaredNorms += sq;
    }
    int k = minibatches.size();
    double meanSmall = sumOfSquaredNorms / k;
    double big = 0;
    for (double s : sum) {
      big += (s / k) * (s / k);
    }
    double b = batchSize;
    double bBig = (double) k * batchSize;
    double g2 = (bBig * big - b * meanSmall) / (bBig - b);
    double trace = (meanSmall - big) / (1 / b - 1 / bBig);
    return new GradientNoiseScale(g2 > 0 ? trace / g2 : Double.NaN, g2, trace, k, batchSize);
  }

  /**
   * How many times one worker's epochs N workers of batch b need to reach the same loss, by the
   * model above: {@code (1 + N b / B_noise) / (1 + b / B_noise)}; N when there is no noise (every
   * worker's minibatch says the same). NaN when the noise scale is.
   */
  public double epochsFactor(int workers, int perWorkerBatch) {
    return (noiseScale + workers * (double) perWorkerBatch) / (noiseScale + perWorkerBatch);
  }

  /** One line for the log: the estimate and what it means for 2, 4 and 8 workers. */
  public String describe() {
    if (Double.isNaN(noiseScale)) {
      return String.format(Locale.ROOT, "gradient noise scale: not measurable on %d minibatches of %d"
          + " (the mean gradient is below the noise; measure on more samples)", minibatches, batchSize);
    }
    return String.format(Locale.ROOT, "gradient noise scale %.0f samples (%d minibatches of %d): at batch"
            + " %d a worker, 2 / 4 / 8 workers need about %.2fx / %.2fx / %.2fx one worker's epochs",
        noiseScale, minibatches, batchSize, batchSize, epochsFactor(2, batchSize),
        epochsFactor(4, batchSize), epochsFactor(8, batchSize));
  }

  /**
   * The gradient of {@code mb}'s mean loss over the parameters the optimiser trains, flat, in
   * training step {@code iteration}. Leaves {@code net}'s parameters as they are.
   */
  static double[] trainedGradient(MultiLayerNetwork net, DataSet mb, int iteration) {
    Map<String, INDArray> grads = MinibatchGradients.of(net, mb, iteration);
    int n = 0;
    for (Map.Entry<String, INDArray> e : grads.entrySet()) {
      if (trained(net, e.getKey())) {
        n += (int) e.getValue().length();
      }
    }
    double[] flat = new double[n];
    double perSample = 1.0 / mb.numExamples();
    int at = 0;
    for (Map.Entry<String, INDArray> e : grads.entrySet()) {
      if (trained(net, e.getKey())) {
        double[] values = e.getValue().dup('c').data().asDouble();
        for (double v : values) {
          flat[at++] = v * perSample;
        }
      }
    }
    return flat;
  }

  /** Whether the optimiser updates the parameter of a gradient key ({@code "layer_param"}). */
  private static boolean trained(MultiLayerNetwork net, String key) {
    Layer layer = net.getLayer(MinibatchGradients.layer(key));
    return !(layer.conf().getLayer().getUpdaterByParam(MinibatchGradients.param(key)) instanceof NoOp);
  }
}
