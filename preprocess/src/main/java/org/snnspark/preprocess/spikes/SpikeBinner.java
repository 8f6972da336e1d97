package org.snnspark.preprocess.spikes;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Validates one sample's spikes and bins them into a sparse frame.
 *
 * <p>Time bin of a spike at t seconds: {@code floor(t / binWidth)} for {@code 0 <= t < windowEnd}
 * (the last bin also takes values that rounding would push to index nSteps). This is Tonic's
 * ToFrame binning and sparch's 100 bins over 1.4 s without its {@code np.digitize} off-by-one
 * (digitize on {@code linspace(0, 1.4, 100)} never fills bin 0 and uses 99 edges). Spikes at or
 * after {@code windowEnd} are not binned but counted ({@link Frames#beyondWindow()}), so a too-short
 * window shows up in the manifest instead of silently losing data. Duplicate (bin, channel) pairs
 * add up (COUNT) or saturate at 1 (BINARY). Channels are downsampled as {@code floor(x * factor)}.
 */
public final class SpikeBinner implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int inChannels;
  private final int outChannels;
  private final int nSteps;
  private final double binWidth;
  private final double windowEnd;
  private final double downsample;
  private final boolean binary;

  /** A validated, binned sample. Arrays are parallel and sorted by (time, channel). */
  public record Frames(int[] time, int[] channel, int[] count, long spikes, long beyondWindow, float maxSpikeTime) {}

  public SpikeBinner(SpikePreprocessConfig cfg) {
    this(cfg.getChannels(), cfg.outputChannels(), cfg.numSteps(), cfg.binWidth(), cfg.windowEnd(),
        cfg.getDownsample(), cfg.getMode() == SpikePreprocessConfig.Mode.BINARY);
  }

  SpikeBinner(int inChannels, int outChannels, int nSteps, double binWidth, double windowEnd,
      double downsample, boolean binary) {
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.nSteps = nSteps;
    this.binWidth = binWidth;
    this.windowEnd = windowEnd;
    this.downsample = downsample;
    this.binary = binary;
  }

  public int outChannels() {
    return outChannels;
  }

  public int nSteps() {
    return nSteps;
  }

  /**
   * The problem with a sample's spikes, or null when they are valid: times and units of equal
   * length, every time finite and >= 0, every unit in [0, channels).
   */
  public String validate(float[] times, int[] units) {
    if (times.length != units.length) {
      return "spikes/times has " + times.length + " entries but spikes/units has " + units.length;
    }
    for (int k = 0; k < times.length; k++) {
      float t = times[k];
      if (Float.isNaN(t)) {
        return "time is NaN at spike " + k;
      }
      if (t < 0) {
        return "negative time " + t + " s at spike " + k;
      }
      if (Float.isInfinite(t)) {
        return "infinite time at spike " + k;
      }
      int u = units[k];
      if (u < 0 || u >= inChannels) {
        return "unit " + u + " outside 0.." + (inChannels - 1) + " (channels = " + inChannels + ") at spike " + k;
      }
    }
    return null;
  }

  /** Bins spikes that passed {@link #validate}. */
  public Frames bin(float[] times, int[] units) {
    int n = times.length;
    long cells = (long) nSteps * outChannels;
    if (cells > Integer.MAX_VALUE) {
      throw new IllegalStateException(nSteps + " bins x " + outChannels + " channels do not fit an int index");
    }
    int[] bins = new int[n];
    int[] chans = new int[n];
    int inside = 0;
    long beyond = 0;
    float maxT = 0;
    for (int k = 0; k < n; k++) {
      double t = times[k];
      maxT = Math.max(maxT, times[k]);
      if (t >= windowEnd) {
        beyond++;
        continue;
      }
      bins[inside] = (int) Math.min(nSteps - 1, Math.floor(t / binWidth));
      chans[inside] = downsample == 1.0 ? units[k] : (int) Math.floor(units[k] * downsample);
      inside++;
    }
    sort(bins, chans, inside);
    int distinct = 0;
    for (int k = 0; k < inside; k++) {
      if (k == 0 || bins[k] != bins[k - 1] || chans[k] != chans[k - 1]) {
        distinct++;
      }
    }
    int[] time = new int[distinct];
    int[] channel = new int[distinct];
    int[] count = new int[distinct];
    int j = -1;
    for (int k = 0; k < inside; k++) {
      if (k == 0 || bins[k] != bins[k - 1] || chans[k] != chans[k - 1]) {
        j++;
        time[j] = bins[k];
        channel[j] = chans[k];
      }
      count[j] = binary ? 1 : count[j] + 1;
    }
    return new Frames(time, channel, count, n, beyond, maxT);
  }

  /**
   * Sorts the (bin, channel) pairs {@code (bins[k], chans[k])}, {@code k < n}, by bin, then
   * channel. A sample's spikes number in the thousands while bins and channels number in the
   * hundreds, so a two-pass radix sort (counting sort by channel, then a stable one by bin) is
   * linear where a comparison sort is n log n; small samples and huge frames sort
   * {@code bin * outChannels + channel} keys with {@link Arrays#sort} instead. Same order either way.
   */
  void sort(int[] bins, int[] chans, int n) {
    if (n < 64 || outChannels + nSteps > 4L * n) {
      int[] keys = new int[n];
      for (int k = 0; k < n; k++) {
        keys[k] = bins[k] * outChannels + chans[k];
      }
      Arrays.sort(keys);
      for (int k = 0; k < n; k++) {
        bins[k] = keys[k] / outChannels;
        chans[k] = keys[k] % outChannels;
      }
      return;
    }
    int[] byChannel = new int[outChannels + 1];
    int[] byBin = new int[nSteps + 1];
    for (int k = 0; k < n; k++) {
      byChannel[chans[k] + 1]++;
      byBin[bins[k] + 1]++;
    }
    for (int c = 0; c < outChannels; c++) {
      byChannel[c + 1] += byChannel[c];
    }
    for (int b = 0; b < nSteps; b++) {
      byBin[b + 1] += byBin[b];
    }
    int[] b1 = new int[n];
    int[] c1 = new int[n];
    for (int k = 0; k < n; k++) {
      int at = byChannel[chans[k]]++;
      b1[at] = bins[k];
      c1[at] = chans[k];
    }
    for (int k = 0; k < n; k++) {
      int at = byBin[b1[k]]++;
      bins[at] = b1[k];
      chans[at] = c1[k];
    }
  }
}
