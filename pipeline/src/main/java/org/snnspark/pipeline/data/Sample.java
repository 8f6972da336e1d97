package org.snnspark.pipeline.data;

import java.io.Serializable;

/**
 * One training sample as stored in a dataset, before batching: either spike frames (sparse) or
 * feature frames (dense). Both write themselves into a [channels, steps] block of a minibatch.
 */
public interface Sample extends Serializable {
  String id();

  int label();

  /** Valid time steps (the rest of the frame is padding, masked out). */
  int length(int steps);

  /** Adds this sample's frame into {@code x[base + channel * steps + t]}. */
  void writeTo(float[] x, int base, int channels, int steps);

  /**
   * The sample with time thrown away, one value per channel: what a rule that ignores timing gets
   * to see (see {@link org.snnspark.pipeline.train.RateBaseline}).
   */
  double[] timeProfile(int channels);
}
