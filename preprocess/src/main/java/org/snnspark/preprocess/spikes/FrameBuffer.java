package org.snnspark.preprocess.spikes;

import java.util.Arrays;

/**
 * One sample's binned frame — parallel (time bin, channel, count) entries sorted by (time, channel),
 * the first {@link #entries} of each array — and the numbers the statistics need, in arrays a
 * shard task reuses from sample to sample: exact-length arrays for every sample were some 40 KB of
 * garbage a sample at SHD's density, about half of what a task allocated besides jhdf's arrays.
 */
final class FrameBuffer {
  int[] time = new int[0];
  int[] channel = new int[0];
  int[] count = new int[0];
  int entries;
  /** The sample's spikes, those at or after the window's end, and its largest spike time. */
  long spikes;
  long beyondWindow;
  float maxSpikeTime;

  /** Room for {@code n} entries; what the arrays held is not kept. */
  void reserve(int n) {
    if (time.length < n) {
      int capacity = Math.max(n, 2 * time.length);
      time = new int[capacity];
      channel = new int[capacity];
      count = new int[capacity];
    }
  }

  /** A frame of exactly these entries (no spikes counted). */
  static FrameBuffer of(int[] time, int[] channel, int[] count) {
    FrameBuffer f = new FrameBuffer();
    f.time = time;
    f.channel = channel;
    f.count = count;
    f.entries = count.length;
    return f;
  }

  /** A copy with arrays of the entries' length. */
  SpikeBinner.Frames toFrames() {
    return new SpikeBinner.Frames(Arrays.copyOf(time, entries), Arrays.copyOf(channel, entries),
        Arrays.copyOf(count, entries), spikes, beyondWindow, maxSpikeTime);
  }
}
