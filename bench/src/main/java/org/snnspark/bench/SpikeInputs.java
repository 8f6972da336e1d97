package org.snnspark.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded synthetic minibatches in the layout training uses ({@code BatchBuilder}): features
 * [batch, channels, steps] NCW, a view of time-major memory; one-hot labels [batch, classes].
 */
final class SpikeInputs {
  /**
   * Fraction of (channel, step) bins holding a spike. Binned SHD at 100 steps is of this order; it
   * only matters through the firing rates it causes, which the bench reports.
   */
  static final double INPUT_DENSITY = 0.05;

  private SpikeInputs() {}

  /** Binary spikes of height {@code gain} in a fraction {@link #INPUT_DENSITY} of the bins. */
  static INDArray spikes(int batch, int channels, int steps, double gain, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[Math.multiplyExact(Math.multiplyExact(batch, channels), steps)];
    float g = (float) gain;
    for (int i = 0; i < x.length; i++) {
      if (r.nextDouble() < INPUT_DENSITY) {
        x[i] = g;
      }
    }
    // drawn in NCW order (the same values as ever for a seed), stored time-major as BatchBuilder does
    float[] tm = new float[x.length];
    for (int b = 0; b < batch; b++) {
      for (int c = 0; c < channels; c++) {
        for (int t = 0; t < steps; t++) {
          tm[(t * batch + b) * channels + c] = x[(b * channels + c) * steps + t];
        }
      }
    }
    return Nd4j.create(tm, new long[] {steps, batch, channels}, 'c').permute(1, 2, 0);
  }

  static INDArray oneHot(int batch, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    float[] y = new float[batch * classes];
    for (int b = 0; b < batch; b++) {
      y[b * classes + r.nextInt(classes)] = 1f;
    }
    return Nd4j.create(y, new long[] {batch, classes}, 'c');
  }

  static DataSet batch(int batch, int channels, int steps, int classes, long seed) {
    return new DataSet(spikes(batch, channels, steps, 1.0, seed), oneHot(batch, classes, seed));
  }
}
