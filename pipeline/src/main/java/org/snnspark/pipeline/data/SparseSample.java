package org.snnspark.pipeline.data;

/**
 * A spike sample as the dataset stores it: a label and its spike frame as parallel (time bin,
 * channel, count) lists. Kept sparse until a batch is built, so caching a whole split costs a few
 * bytes per spike rather than channels x steps floats per sample.
 */
public record SparseSample(String id, int label, int[] time, int[] channel, int[] count)
    implements Sample {

  public SparseSample {
    if (time.length != channel.length || time.length != count.length) {
      throw new IllegalArgumentException("sample " + id + ": spike_time/spike_channel/spike_count"
          + " lengths differ (" + time.length + "/" + channel.length + "/" + count.length + ")");
    }
  }

  @Override
  public int length(int steps) {
    return steps; // binned spike frames always span the whole window
  }

  @Override
  public void writeTo(float[] x, int sample, int batch, int channels, int steps) {
    for (int k = 0; k < time.length; k++) {
      int t = time[k];
      int c = channel[k];
      if (t < 0 || t >= steps || c < 0 || c >= channels) {
        throw new IllegalArgumentException("sample " + id + ": spike at (time " + t + ", channel "
            + c + ") outside the frame [" + steps + " steps, " + channels
            + " channels] the manifest declares");
      }
      x[(t * batch + sample) * channels + c] += count[k];
    }
  }

  /** Spike counts per channel, normalised to sum 1 so that loudness alone does not decide. */
  @Override
  public double[] timeProfile(int channels) {
    double[] p = new double[channels];
    double total = 0;
    for (int k = 0; k < channel.length; k++) {
      p[channel[k]] += count[k];
      total += count[k];
    }
    if (total > 0) {
      for (int i = 0; i < channels; i++) {
        p[i] /= total;
      }
    }
    return p;
  }
}
