package org.snnspark.preprocess.spikes;

import java.io.Serializable;

/**
 * The time bin of a spike, for a valid time {@code t >= 0}, exactly as its double-precision
 * definition gives it but without a division per spike: a multiplication guesses the bin and a
 * table of each bin's first float time corrects the guess (it is off by one at most near an
 * edge). The division was a third of the binning loop. Two definitions:
 * <ul>
 *   <li>{@link #floor}: {@code min(nSteps - 1, floor(t / binWidth))}, bins 0 .. nSteps - 1
 *       (Tonic's ToFrame);
 *   <li>{@link #digitize}: sparch's {@code np.digitize(t, np.linspace(0, maxTime, nSteps))}, the
 *       number of edges {@code i * maxTime / (nSteps - 1)} (i < nSteps - 1) at or below t: bins
 *       1 .. nSteps - 1 of {@code maxTime / (nSteps - 1)} seconds, bin 0 never used. (numpy's
 *       linspace computes its edges as {@code i * step} in double precision, as here; the last edge,
 *       maxTime itself, is the window's end, past which spikes are counted apart.)
 * </ul>
 *
 * <p>The table is rebuilt where the object is deserialized (a broadcast binner), never shipped;
 * beyond {@link #MAX_TABLE_BINS} bins the definition itself is used.
 */
final class TimeBins implements Serializable {
  private static final long serialVersionUID = 2L;
  /** Bins up to which the edge table (4 bytes a bin) is built. */
  static final int MAX_TABLE_BINS = 1 << 16;

  private final int nSteps;
  private final double binWidth;
  /** Bins before the first one a time can fall in: 1 for digitize (its bin 0 is empty), else 0. */
  private final int first;
  private final double perSecond;
  /** edges[b]: the smallest float time whose bin is >= b; null when there are too many bins. */
  private final transient float[] edges;

  private TimeBins(int nSteps, double binWidth, int first) {
    this.nSteps = nSteps;
    this.binWidth = binWidth;
    this.first = first;
    this.perSecond = 1 / binWidth;
    this.edges = nSteps <= MAX_TABLE_BINS ? edges() : null;
  }

  /** {@code floor(t / binWidth)}, the last bin also taking what rounding would put past it. */
  static TimeBins floor(int nSteps, double binWidth) {
    return new TimeBins(nSteps, binWidth, 0);
  }

  /** sparch's {@code np.digitize(t, np.linspace(0, maxTime, nSteps))}; needs nSteps >= 2. */
  static TimeBins digitize(int nSteps, double maxTime) {
    return new TimeBins(nSteps, maxTime / (nSteps - 1), 1);
  }

  /** The bin of a time that is >= 0 (or -0) and not NaN. */
  int of(float t) {
    float[] e = edges;
    if (e == null) {
      return formula(t);
    }
    int last = nSteps - 1;
    int b = (int) Math.min(last, first + t * perSecond); // >= 0: t is
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
  int formula(float t) {
    if (first == 0) {
      return (int) Math.min(nSteps - 1, Math.floor(t / binWidth));
    }
    // the largest edge index i <= nSteps - 2 with i * binWidth <= t, from a guess off by one at most
    int lastEdge = nSteps - 2;
    int i = (int) Math.min(lastEdge, Math.floor(t / binWidth));
    while (i < lastEdge && (i + 1) * binWidth <= t) {
      i++;
    }
    while (i > 0 && i * binWidth > t) {
      i--;
    }
    return i + 1;
  }

  /**
   * Each bin's first float time, by bisection over the bit patterns of non-negative floats (ordered
   * as their values), since the definition never decreases as t grows. edges[0] is 0.
   */
  private float[] edges() {
    float[] e = new float[nSteps];
    for (int b = 1; b < nSteps; b++) {
      int lo = Float.floatToRawIntBits(e[b - 1]);
      int hi = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (formula(Float.intBitsToFloat(mid)) >= b) {
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
    return new TimeBins(nSteps, binWidth, first);
  }
}
