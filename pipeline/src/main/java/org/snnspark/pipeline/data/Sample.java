package org.snnspark.pipeline.data;

import java.io.Serializable;

/**
 * One training sample as stored in a dataset, before batching: either spike frames (sparse) or
 * feature frames (dense). Both write themselves into a time-major minibatch: row (t, sample) of
 * a [steps * batch, channels] matrix, the layout the spiking layers compute in.
 */
public interface Sample extends Serializable {
  String id();

  int label();

  /** Valid time steps (the rest of the frame is padding, masked out). */
  int length(int steps);

  /**
   * Adds this sample's frame, as sample {@code sample} of a batch of {@code batch}, into
   * {@code x[(t * batch + sample) * channels + channel]}.
   */
  void writeTo(float[] x, int sample, int batch, int channels, int steps);

  /**
   * The sample with time thrown away, one value per channel: what a rule that ignores timing gets
   * to see (see {@link org.snnspark.pipeline.train.RateBaseline}).
   */
  double[] timeProfile(int channels);
}
