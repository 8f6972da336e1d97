package org.snnspark.pipeline.data;

/**
 * A feature sample (log-mel / fbank frames) as the dataset stores it: {@code features} time-major,
 * [frames][features] flattened. Shorter samples are padded and masked in the batch.
 */
public record DenseSample(String id, int label, int frames, int featureCount, float[] features)
    implements Sample {

  public DenseSample {
    if (features.length != frames * featureCount) {
      throw new IllegalArgumentException("sample " + id + ": " + features.length + " feature"
          + " values, but n_frames x n_features = " + frames + " x " + featureCount);
    }
  }

  @Override
  public int length(int steps) {
    return Math.min(frames, steps);
  }

  @Override
  public void writeTo(float[] x, int sample, int batch, int channels, int steps) {
    if (featureCount != channels) {
      throw new IllegalArgumentException("sample " + id + ": " + featureCount + " features per"
          + " frame, the manifest declares " + channels);
    }
    int n = length(steps);
    // stored time-major too: one frame is one contiguous row of the batch
    for (int t = 0; t < n; t++) {
      System.arraycopy(features, t * featureCount, x, (t * batch + sample) * channels, channels);
    }
  }

  /** Mean of each feature over the sample's frames. */
  @Override
  public double[] timeProfile(int channels) {
    double[] p = new double[channels];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < channels; c++) {
        p[c] += features[t * featureCount + c];
      }
    }
    for (int c = 0; c < channels; c++) {
      p[c] /= Math.max(frames, 1);
    }
    return p;
  }
}
