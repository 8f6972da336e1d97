package org.snnspark.pipeline.data;

import java.io.Serializable;

/**
 * One sample as the dataset stores it: a label and its spike frame as parallel (time bin, channel,
 * count) lists. Kept sparse until a batch is built, so caching a whole split costs a few bytes per
 * spike rather than channels x steps floats per sample.
 */
public record SparseSample(String id, int label, int[] time, int[] channel, int[] count)
    implements Serializable {

  public SparseSample {
    if (time.length != channel.length || time.length != count.length) {
      throw new IllegalArgumentException("sample " + id + ": spike_time/spike_channel/spike_count"
          + " lengths differ (" + time.length + "/" + channel.length + "/" + count.length + ")");
    }
  }

  public int spikeEvents() {
    return time.length;
  }
}
