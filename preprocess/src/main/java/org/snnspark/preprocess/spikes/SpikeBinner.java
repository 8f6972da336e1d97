package org.snnspark.preprocess.spikes;

import java.io.Serializable;
import java.util.Arrays;
import org.snnspark.preprocess.hdf5.Float16;

/**
 * Validates one sample's spikes and bins them into a sparse frame.
 *
 * <p>Time bin of a spike at t seconds, for {@code 0 <= t < windowEnd} ({@link TimeBins}): by
 * default {@code floor(t / binWidth)} (Tonic's ToFrame; the last bin also takes values that
 * rounding would push to index nSteps); with binning DIGITIZE exactly sparch's
 * {@code np.digitize(t, linspace(0, maxTime, nSteps))}, whose bin 0 stays empty. The two differ in
 * most cells: same number of bins, different widths. Spikes at or
 * after {@code windowEnd} are not binned but counted ({@link Frames#beyondWindow()}), so a too-short
 * window shows up in the manifest instead of silently losing data. Duplicate (bin, channel) pairs
 * add up (COUNT) or saturate at 1 (BINARY). Channels are downsampled as {@code floor(x * factor)}.
 */
public final class SpikeBinner implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int inChannels;
  private final int outChannels;
  private final int nSteps;
  private final double windowEnd;
  private final double downsample;
  private final boolean binary;
  private final TimeBins bins;
  /** {@link #binOfBits()}: built where the binner is used. */
  private transient volatile short[] byBits;
  /** {@link #binOfHalf()}: built where the binner is used. */
  private transient volatile short[] byHalf;
  /** What {@link #binOf} returns for a time at or after the window's end, and for one that is no time. */
  static final int BEYOND = -1;
  static final int INVALID = -2;
  /** The mantissa bits a float has beyond a float16's 10. */
  static final int HALF_SHIFT = 13;
  private static final int HALF_LOW_BITS = (1 << HALF_SHIFT) - 1;
  /** Frames of up to this many cells are binned by counting into a per-thread array (4 MB). */
  static final long DENSE_MAX_CELLS = 1 << 20;

  /** A validated, binned sample. Arrays are parallel and sorted by (time, channel). */
  public record Frames(int[] time, int[] channel, int[] count, long spikes, long beyondWindow, float maxSpikeTime) {}

  public SpikeBinner(SpikePreprocessConfig cfg) {
    this(cfg.getChannels(), cfg.outputChannels(), cfg.numSteps(), cfg.windowEnd(), cfg.getDownsample(),
        cfg.getMode() == SpikePreprocessConfig.Mode.BINARY, cfg.getBinning() == SpikePreprocessConfig.Binning.DIGITIZE
            ? TimeBins.digitize(cfg.numSteps(), cfg.getMaxTime()) : TimeBins.floor(cfg.numSteps(), cfg.binWidth()));
  }

  /** A binner of {@code floor(t / binWidth)} bins. */
  SpikeBinner(int inChannels, int outChannels, int nSteps, double binWidth, double windowEnd,
      double downsample, boolean binary) {
    this(inChannels, outChannels, nSteps, windowEnd, downsample, binary, TimeBins.floor(nSteps, binWidth));
  }

  private SpikeBinner(int inChannels, int outChannels, int nSteps, double windowEnd, double downsample,
      boolean binary, TimeBins bins) {
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.nSteps = nSteps;
    this.windowEnd = windowEnd;
    this.downsample = downsample;
    this.binary = binary;
    this.bins = bins;
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
    Frames f = binIfValid(times, units);
    if (f == null) {
      throw new IllegalArgumentException("invalid spikes: " + validate(times, units));
    }
    return f;
  }

  /**
   * Bins a sample's spikes if they are valid, else returns null ({@link #validate} then names the
   * problem): validating as it bins saves a second pass over the spikes.
   */
  public Frames binIfValid(float[] times, int[] units) {
    FrameBuffer out = new FrameBuffer();
    return binInto(times, units, out) ? out.toFrames() : null;
  }

  /**
   * {@link #binIfValid} into a task's reused buffer: whether the spikes were valid (and {@code out}
   * now holds their frame).
   */
  boolean binInto(float[] times, int[] units, FrameBuffer out) {
    long cells = cells();
    int n = times.length;
    // counting is linear in spikes plus one bit per frame cell; sorting wins when cells far outnumber spikes
    if (cells > DENSE_MAX_CELLS || cells / 64 > 8L * n + 64 || units.length != n) {
      if (validate(times, units) != null) {
        return false;
      }
      binBySorting(times, units, out);
      return true;
    }
    Scratch s = Scratch.of((int) cells);
    int words = (int) ((cells + 63) / 64);
    int[] counts = s.counts;
    long[] seen = s.seen;
    long beyond = 0;
    short[] byBits = binOfBits();
    boolean sameChannels = downsample == 1.0;
    // the largest time by its bits: ordered as the values for times >= +0, and -0 (negative bits)
    // counts as 0; a branch on floats here mispredicted on every run of equal times (a third of the loop)
    int maxBits = 0;
    for (int k = 0; k < n; k++) {
      int bits = Float.floatToRawIntBits(times[k]);
      int unit = units[k];
      // a float16 time (SHD, SSC) is one look-up: its bin, or BEYOND or INVALID
      int bin = (bits & HALF_LOW_BITS) == 0 && byBits != null ? byBits[bits >>> HALF_SHIFT] : binOf(times[k]);
      // what validate checks: a time that is NaN, negative or infinite, a unit outside the channels
      if ((bin | unit) < 0 || unit >= inChannels) {
        if (bin == INVALID || unit < 0 || unit >= inChannels) {
          clear(s, words);
          return false;
        }
        maxBits = Math.max(maxBits, bits);
        beyond++;
        continue;
      }
      maxBits = Math.max(maxBits, bits);
      int key = bin * outChannels + (sameChannels ? unit : channel(unit));
      counts[key]++;
      seen[key >>> 6] |= 1L << key; // unconditionally: a "first in its cell?" branch mispredicts (2x slower)
    }
    emit(s, words, n, beyond, Float.intBitsToFloat(maxBits), out);
    return true;
  }

  /**
   * {@link #binInto} of a sample as a Heidelberg file stores it: {@code n} float16 time bits and as
   * many 16-bit units (signed or not as stored), undecoded. A time's bin is one look-up of its 16
   * bits, and no float[] or int[] of the sample is built. Gives the frame {@link #binInto} gives
   * for the decoded sample; false, with {@code out} unchanged, when that would be false (then
   * decode the sample and {@link #validate} it). Only for binners that {@link #bindsHalves}.
   */
  boolean binHalvesInto(short[] times, short[] units, int n, boolean signedUnits, FrameBuffer out) {
    short[] byHalf = binOfHalf();
    int cells = (int) cells();
    Scratch s = Scratch.of(cells);
    int words = (cells + 63) / 64;
    int[] counts = s.counts;
    long[] seen = s.seen;
    int unitMask = signedUnits ? -1 : 0xffff;
    boolean sameChannels = downsample == 1.0;
    long beyond = 0;
    // the largest time by its bits as a signed short: ordered as the values for times >= +0, and
    // -0 (and every other negative, invalid anyway) below +0
    int maxHalf = 0;
    for (int k = 0; k < n; k++) {
      int half = times[k];
      int bin = byHalf[half & 0xffff];
      int unit = units[k] & unitMask;
      if ((bin | unit) < 0 || unit >= inChannels) {
        if (bin == INVALID || unit < 0 || unit >= inChannels) {
          clear(s, words);
          return false;
        }
        maxHalf = Math.max(maxHalf, half);
        beyond++;
        continue;
      }
      maxHalf = Math.max(maxHalf, half);
      int key = bin * outChannels + (sameChannels ? unit : channel(unit));
      counts[key]++;
      seen[key >>> 6] |= 1L << key;
    }
    emit(s, words, n, beyond, Float16.toFloat((short) maxHalf), out);
    return true;
  }

  /** Whether {@link #binHalvesInto} may be used: its frames are counted in a per-thread array. */
  boolean bindsHalves() {
    return nSteps <= Short.MAX_VALUE && cells() <= DENSE_MAX_CELLS;
  }

  /**
   * The counted cells as the frame's entries, in ascending (time, channel) order, clearing the
   * counters and bits as it goes; and the sample's spike count, spikes beyond the window and
   * largest time.
   */
  private void emit(Scratch s, int words, long spikes, long beyondWindow, float maxSpikeTime, FrameBuffer out) {
    int[] counts = s.counts;
    long[] seen = s.seen;
    int distinct = 0;
    for (int w = 0; w < words; w++) {
      distinct += Long.bitCount(seen[w]);
    }
    // the set bits in ascending order are the (time, channel) pairs in order; clear as we go
    out.reserve(distinct);
    int[] time = out.time;
    int[] channel = out.channel;
    int[] count = out.count;
    int j = 0;
    int bin = 0;
    int binStart = 0; // bin * outChannels, advanced as keys pass it (no division per entry)
    for (int w = 0; j < distinct; w++) {
      long bits = seen[w];
      if (bits == 0) {
        continue;
      }
      seen[w] = 0;
      do {
        int key = (w << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        while (key - binStart >= outChannels) {
          bin++;
          binStart += outChannels;
        }
        time[j] = bin;
        channel[j] = key - binStart;
        count[j] = binary ? 1 : counts[key];
        counts[key] = 0;
        j++;
      } while (bits != 0);
    }
    out.entries = distinct;
    out.spikes = spikes;
    out.beyondWindow = beyondWindow;
    out.maxSpikeTime = maxSpikeTime;
  }

  /** Zeroes the counters and bits a sample found invalid part way through has set. */
  private static void clear(Scratch s, int words) {
    for (int w = 0; w < words; w++) {
      for (long bits = s.seen[w]; bits != 0; bits &= bits - 1) {
        s.counts[(w << 6) + Long.numberOfTrailingZeros(bits)] = 0;
      }
      s.seen[w] = 0;
    }
  }

  /** {@link #binBySorting(float[], int[], FrameBuffer)} into a new frame. */
  Frames binBySorting(float[] times, int[] units) {
    FrameBuffer out = new FrameBuffer();
    binBySorting(times, units, out);
    return out.toFrames();
  }

  /**
   * {@link #bin} by sorting {@code bin * outChannels + channel} keys: for frames too large to count
   * into (or with far more cells than spikes). Same result.
   */
  private void binBySorting(float[] times, int[] units, FrameBuffer out) {
    cells();
    int n = times.length;
    int[] keys = new int[n];
    int inside = 0;
    long beyond = 0;
    float maxT = 0;
    for (int k = 0; k < n; k++) {
      maxT = Math.max(maxT, times[k]);
      int key = key(times[k], units[k]);
      if (key < 0) {
        beyond++;
      } else {
        keys[inside++] = key;
      }
    }
    Arrays.sort(keys, 0, inside);
    int distinct = 0;
    for (int k = 0; k < inside; k++) {
      if (k == 0 || keys[k] != keys[k - 1]) {
        distinct++;
      }
    }
    out.reserve(distinct);
    int[] time = out.time;
    int[] channel = out.channel;
    int[] count = out.count;
    int j = -1;
    for (int k = 0; k < inside; k++) {
      if (k == 0 || keys[k] != keys[k - 1]) {
        j++;
        time[j] = keys[k] / outChannels;
        channel[j] = keys[k] % outChannels;
        count[j] = 0;
      }
      count[j] = binary ? 1 : count[j] + 1;
    }
    out.entries = distinct;
    out.spikes = n;
    out.beyondWindow = beyond;
    out.maxSpikeTime = maxT;
  }

  /** {@code bin * outChannels + channel} of a spike, or -1 if it is at or after the window's end. */
  private int key(float time, int unit) {
    double t = time;
    if (t >= windowEnd) {
      return -1;
    }
    return bins.of(time) * outChannels + channel(unit);
  }

  private int channel(int unit) {
    return downsample == 1.0 ? unit : (int) Math.floor(unit * downsample);
  }

  /** The bin of a spike time, or {@link #BEYOND} (at or after the window's end) or {@link #INVALID} (NaN, negative, infinite). */
  private int binOf(float time) {
    if (!(time >= 0) || time == Float.POSITIVE_INFINITY) {
      return INVALID;
    }
    return (double) time >= windowEnd ? BEYOND : bins.of(time);
  }

  /**
   * {@link #binOf} of every float whose low {@value #HALF_SHIFT} mantissa bits are zero — every
   * float16 value, the times of SHD and SSC — indexed by its bits shifted right by that much
   * (sign, exponent and the mantissa's top 10 bits: 2^19 entries, 1 MB, of which the times of a
   * 1.4 s window touch ~50 KB); null when bins do not fit a short. Built once per binner and JVM
   * (not shipped: rebuilding it is cheaper than sending 1 MB to every task).
   */
  private short[] binOfBits() {
    short[] t = byBits;
    if (t == null && nSteps <= Short.MAX_VALUE) {
      synchronized (this) {
        t = byBits;
        if (t == null) {
          t = new short[1 << (32 - HALF_SHIFT)];
          int negative = 1 << (31 - HALF_SHIFT);
          for (int i = 0; i < negative; i++) {
            t[i] = (short) binOf(Float.intBitsToFloat(i << HALF_SHIFT));
          }
          Arrays.fill(t, negative, t.length, (short) INVALID);
          t[negative] = (short) binOf(-0f);
          byBits = t;
        }
      }
    }
    return t;
  }

  /**
   * {@link #binOf} of every float16 value, indexed by its 16 bits (128 KB), for
   * {@link #binHalvesInto}. Built once per binner and JVM (not shipped).
   */
  private short[] binOfHalf() {
    short[] t = byHalf;
    if (t == null) {
      synchronized (this) {
        t = byHalf;
        if (t == null) {
          t = new short[1 << 16];
          for (int h = 0; h < t.length; h++) {
            t[h] = (short) binOf(Float16.toFloat((short) h));
          }
          byHalf = t;
        }
      }
    }
    return t;
  }

  private long cells() {
    long cells = (long) nSteps * outChannels;
    if (cells > Integer.MAX_VALUE) {
      throw new IllegalStateException(nSteps + " bins x " + outChannels + " channels do not fit an int index");
    }
    return cells;
  }

  /**
   * A thread's frame-sized counters and their occupancy bits, all zero between calls (bin clears
   * what it set): allocated once per thread rather than per sample (280 KB for SHD's 100 x 700).
   */
  private static final class Scratch {
    private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(() -> new Scratch(0));
    final int[] counts;
    final long[] seen;

    private Scratch(int cells) {
      counts = new int[cells];
      seen = new long[(cells + 63) / 64 + 1];
    }

    static Scratch of(int cells) {
      Scratch s = OF_THREAD.get();
      if (s.counts.length < cells) {
        s = new Scratch(cells);
        OF_THREAD.set(s);
      }
      return s;
    }
  }
}
