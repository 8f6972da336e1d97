package org.snnspark.models.dl4j;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One training step's gradients of a minibatch, without the update: what measurements of a
 * network at its current weights (its gradient noise scale, batch-norm's statistics at those
 * weights) read. Run on a copy of the network, since it leaves the minibatch's input and gradients
 * in the network it runs on.
 */
public final class MinibatchGradients {
  private MinibatchGradients() {
  }

  /**
   * The gradients of {@code mb} as {@code net} computes them in training step {@code iteration}
   * (spike dropout draws its masks from the iteration), by gradient key {@code "layer_param"}. DL4J's
   * layers give the minibatch's summed gradient (its updater divides by the minibatch size); a
   * running statistic's entry is its update. {@code net}'s parameters are left as they are.
   */
  public static Map<String, INDArray> of(MultiLayerNetwork net, DataSet mb, int iteration) {
    net.setIterationCount(iteration);
    net.setInput(mb.getFeatures());
    net.setLabels(mb.getLabels());
    net.setLayerMaskArrays(mb.getFeaturesMaskArray(), mb.getLabelsMaskArray());
    net.computeGradientAndScore();
    return net.gradient().gradientForVariable();
  }

  /** The layer index of a gradient key {@code "layer_param"}. */
  public static int layer(String gradientKey) {
    return Integer.parseInt(gradientKey.substring(0, gradientKey.indexOf('_')));
  }

  /** The parameter name of a gradient key {@code "layer_param"}. */
  public static String param(String gradientKey) {
    return gradientKey.substring(gradientKey.indexOf('_') + 1);
  }
}
