package org.snnspark.bench;

import java.util.Arrays;

/**
 * Summary of repeated measurements of one quantity: how many, the median, the smallest and the
 * largest. The median is the figure the bench reports (robust to a run disturbed by other load);
 * min and max show the spread.
 */
public record Stats(int n, double median, double min, double max) {

  /** Summarises the values (at least one; none may be NaN). */
  public static Stats of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no measurements to summarise");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    if (Double.isNaN(v[v.length - 1])) {
      throw new IllegalArgumentException("a measurement is NaN: " + Arrays.toString(values));
    }
    return new Stats(v.length, median(v), v[0], v[v.length - 1]);
  }

  /** Median of sorted values: the middle one, or the mean of the two middle ones for an even count. */
  static double median(double[] sorted) {
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }
}
