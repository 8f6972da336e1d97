package org.snnspark.preprocess.spikes;

import java.io.Serializable;

/**
 * The time bin of a spike, {@code min(nSteps - 1, floor(t / binWidth))} for a valid time
 * {@code t >= 0}, exactly as that double-precision formula gives it but without its division and
 * floor: a multiplication guesses the bin and a table of each bin's first float time corrects the
 * guess (it is off by one at most near an edge). The division was a third of the binning loop.
 *
 * <p>The table is rebuilt where the object is deserialized (a broadcast binner), never shipped;
 * beyond {@link #MAX_TABLE_BINS} bins the formula itself is used.
 */
final class TimeBins implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Bins up to which the edge table (4 bytes a bin) is built. */
  static final int MAX_TABLE_BINS = 1 << 16;

  private final int nSteps;
  private final double binWidth;
  private final double perSecond;
  /** edges[b]: the smallest float time whose formula bin is >= b; null when there are too many bins. */
  private final transient float[] edges;

  TimeBins(int nSteps, double binWidth) {
    this.nSteps = nSteps;
    this.binWidth = binWidth;
    this.perSecond = 1 / binWidth;
    this.edges = nSteps <= MAX_TABLE_BINS ? edges(nSteps, binWidth) : null;
  }

  /** The bin of a time that is >= 0 (or -0) and not NaN. */
  int of(float t) {
    float[] e = edges;
    if (e == null) {
      return formula(t, nSteps, binWidth);
    }
    int last = nSteps - 1;
    int b = (int) Math.min(last, t * perSecond); // >= 0: t is
    if (t < e[b]) {
      do {
        b--;
      } while (t < e[b]);
    } else {
      while (b < last && t >= e[b + 1]) {
        b++;
      }
    }
    return b;
  }

  /** The definition; what the table reproduces. */
  static int formula(float t, int nSteps, double binWidth) {
    return (int) Math.min(nSteps - 1, Math.floor(t / binWidth));
  }

  /**
   * Each bin's first float time, by bisection over the bit patterns of non-negative floats (ordered
   * as their values), since the formula never decreases as t grows. edges[0] is 0.
   */
  private static float[] edges(int nSteps, double binWidth) {
    float[] e = new float[nSteps];
    for (int b = 1; b < nSteps; b++) {
      int lo = Float.floatToRawIntBits(e[b - 1]);
      int hi = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (Math.floor(Float.intBitsToFloat(mid) / binWidth) >= b) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      e[b] = Float.intBitsToFloat(lo);
    }
    return e;
  }

  /** A deserialized copy builds its own table. */
  private Object readResolve() {
    return new TimeBins(nSteps, binWidth);
  }
}
