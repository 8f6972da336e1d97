package org.snnspark.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.dl4j.SpikingLayer;
import org.snnspark.models.spec.Flops;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.NeuronModels;

/**
 * One spiking layer of a neuron model, as {@link NetworkBuilder} builds it (no dropout, no
 * batch-norm, one direction), followed by the leaky readout and softmax loss that make it a
 * trainable network: forward ({@code MultiLayerNetwork.output}, inference) and forward + backward
 * ({@code computeGradientAndScore}, no update), with DL4J's workspaces as in training.
 *
 * <p>Spiking layers do data-dependent work (event-driven recurrence, early exits), so the firing
 * rate matters. Before timing, the height of the input spikes is searched (bisection in log space on
 * a small batch) for which the layer fires at the target rate; the rate of the timed batch is reported.
 */
final class LayerBench implements AutoCloseable {
  static final int INPUTS = 700;
  static final int CLASSES = 20;
  private static final int CALIBRATION_BATCH = 16;

  final NeuronType type;
  final int hidden;
  final int steps;
  final int batch;
  final double inputGain;
  private final MultiLayerNetwork net;
  private final INDArray x;
  private final INDArray y;

  private LayerBench(NeuronType type, int hidden, int steps, int batch, double targetRate, long seed, int maxDelay) {
    this.type = type;
    this.hidden = hidden;
    this.steps = steps;
    this.batch = batch;
    ModelSpec spec = new ModelSpec().withNeuron(type).withHidden(hidden).withDropout(0).withBatchNorm(false)
        .withDelays(maxDelay, 0);
    net = new MultiLayerNetwork(NetworkBuilder.build(spec, INPUTS, CLASSES, seed, new Adam(1e-3)));
    net.init();
    inputGain = calibrate(targetRate, seed);
    x = SpikeInputs.spikes(batch, INPUTS, steps, inputGain, seed + 1);
    y = SpikeInputs.oneHot(batch, CLASSES, seed + 1);
  }

  static LayerBench prepare(NeuronType type, int hidden, int steps, int batch, double targetRate, long seed) {
    return prepare(type, hidden, steps, batch, targetRate, seed, 0);
  }

  /** The same with learnable synaptic delays of up to {@code maxDelay} steps (0 = none), sigma 0.5. */
  static LayerBench prepare(NeuronType type, int hidden, int steps, int batch, double targetRate, long seed,
      int maxDelay) {
    return new LayerBench(type, hidden, steps, batch, rateFor(type, targetRate, steps), seed, maxDelay);
  }

  /**
   * The firing rate a model is calibrated to: the target, except for a model whose neurons fire at
   * most once per sequence (SINGLE_SPIKE; rate at most 1 / T): there half of the neurons fire,
   * 0.5 / T, when the target is above that (at a higher target the search would drive every neuron
   * to fire at step 0, where the backward pass has nothing to do).
   */
  static double rateFor(NeuronType type, double targetRate, int steps) {
    return NeuronModels.of(type).firesAtMostOnce() ? Math.min(targetRate, 0.5 / steps) : targetRate;
  }

  /** Inference forward pass; returns an element of the output. */
  double forward() {
    INDArray out = net.output(x, false);
    return out.getDouble(0);
  }

  /** Forward and backward pass of the training step (no parameter update); returns the score. */
  double forwardBackward() {
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    return net.score();
  }

  /** Firing rate of the spiking layer in its last forward pass. */
  double firingRate() {
    Layer l = net.getLayer(0);
    if (l instanceof SpikingLayer s) {
      return s.lastFiringRate();
    }
    return net.feedForward(x, false).get(1).meanNumber().doubleValue();
  }

  double forwardFlops() {
    return Flops.layerForward(batch, steps, INPUTS, hidden, type.isRecurrent())
        + Flops.layerForward(batch, steps, hidden, CLASSES, false);
  }

  double forwardBackwardFlops() {
    return Flops.layerForwardBackward(batch, steps, INPUTS, hidden, type.isRecurrent())
        + Flops.layerForwardBackward(batch, steps, hidden, CLASSES, false);
  }

  /** Rough bytes a forward + backward pass holds (Java state arrays in double, inputs in float). */
  static long estimateBytes(NeuronType type, int hidden, int steps, int batch) {
    long rows = (long) batch * steps;
    long perRow = 4L * 4 * INPUTS + 8L * hidden * (NeuronModels.of(type).adapts(type) ? 12 : 10);
    return rows * perRow;
  }

  /**
   * The input spike height at which the layer fires at {@code target} spikes per neuron and step
   * (within the search's resolution), on a small seeded batch of the same length.
   */
  private double calibrate(double target, long seed) {
    INDArray base = SpikeInputs.spikes(CALIBRATION_BATCH, INPUTS, steps, 1.0, seed);
    double lo = Math.log(1e-2);
    double hi = Math.log(1e3);
    for (int i = 0; i < 10; i++) { // resolution: a factor 1.01 in gain
      double mid = (lo + hi) / 2;
      net.output(base.mul(Math.exp(mid)), false);
      if (firingRate() < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  @Override
  public void close() {
    net.clear();
  }
}
