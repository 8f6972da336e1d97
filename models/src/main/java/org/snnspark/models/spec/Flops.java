package org.snnspark.models.spec;

/**
 * Dense floating-point operation counts of the matrix products in a spiking network, the work a
 * dense framework does and the yardstick for "GFLOP/s" and "fraction of the roofline" in the bench.
 * A product of [m, k] by [k, n] counts {@code 2 m k n} (one multiply and one add per term).
 *
 * <p>Per spiking layer of H neurons on nIn inputs, batch B, T steps:
 * <ul>
 *   <li>forward: the input GEMM {@code 2 B T nIn H}; recurrent models add {@code s V} every step,
 *       {@code 2 B T H H} (dense, although spikes make it a sum of few rows);
 *   <li>backward: twice the forward products — dW = x^T dz and dX = dz W^T (each {@code 2 B T nIn H}),
 *       and for recurrent models dV = sum_t s_{t-1}^T g_t and the gradient through V to the previous
 *       spikes, g_t V^T (each {@code 2 B T H H}).
 * </ul>
 * The leaky readout of C classes is a non-recurrent layer of C neurons on H inputs.
 * Element-wise work (neuron updates, surrogate gradients, Adam) is not counted.
 *
 * <p>Two conventions for the input gradient of the first layer:
 * <ul>
 *   <li>the per-layer measurements count a layer "in general position": its backward must deliver
 *       dX to the layer below, so dX is counted ({@link #layerForwardBackward}); </li>
 *   <li>a whole network ({@link #network}) needs no gradient with respect to its data (PyTorch does
 *       not compute it), so the first layer's dX is not useful work and is not counted. For sparch's
 *       RadLIF network (700 inputs, two layers of 128, 20 classes, 100 steps) that is about 8.6 GFLOP
 *       per batch of 128, the count PyTorch's roofline fractions are usually quoted against, so our
 *       fractions compare with those.</li>
 * </ul>
 */
public final class Flops {
  private Flops() {}

  /** A [m, k] x [k, n] product. */
  public static double gemm(long m, long k, long n) {
    return 2.0 * m * k * n;
  }

  /** Forward products of one spiking layer: input GEMM, plus {@code s V} every step when recurrent. */
  public static double layerForward(long batch, long steps, long nIn, long hidden, boolean recurrent) {
    long rows = batch * steps;
    return gemm(rows, nIn, hidden) + (recurrent ? gemm(rows, hidden, hidden) : 0);
  }

  /** Backward products of one spiking layer: dW and dX (and dV and the recurrent gradient): 2x forward. */
  public static double layerBackward(long batch, long steps, long nIn, long hidden, boolean recurrent) {
    return 2 * layerForward(batch, steps, nIn, hidden, recurrent);
  }

  /** Forward + backward of one layer in general position (dX counted). */
  public static double layerForwardBackward(long batch, long steps, long nIn, long hidden, boolean recurrent) {
    return 3 * layerForward(batch, steps, nIn, hidden, recurrent);
  }

  /**
   * The useful forward + backward products of a network: spiking layers {@code hidden[0..]} on nIn
   * inputs (all recurrent or none), then a readout of {@code classes} units; the first layer's
   * input gradient is left out (see the class comment).
   */
  public static double network(long batch, long steps, long nIn, int[] hidden, boolean recurrent, int classes) {
    double total = 0;
    long in = nIn;
    for (int i = 0; i < hidden.length; i++) {
      total += layerForwardBackward(batch, steps, in, hidden[i], recurrent);
      if (i == 0) {
        total -= gemm(batch * steps, hidden[i], in); // dX of the data: not needed
      }
      in = hidden[i];
    }
    return total + layerForwardBackward(batch, steps, in, classes, false);
  }

  /** Forward products only of the same network (inference). */
  public static double networkForward(long batch, long steps, long nIn, int[] hidden, boolean recurrent, int classes) {
    double total = 0;
    long in = nIn;
    for (int h : hidden) {
      total += layerForward(batch, steps, in, h, recurrent);
      in = h;
    }
    return total + layerForward(batch, steps, in, classes, false);
  }
}
