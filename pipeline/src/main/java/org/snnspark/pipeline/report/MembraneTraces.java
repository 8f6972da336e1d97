package org.snnspark.pipeline.report;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Which membrane traces to draw and on what scale. The most active neurons are the wrong choice:
 * a neuron that fires every step is driven so hard that its membrane grows without bound (4.5e10 on
 * SHD-like data), and its trace flattens every other one. The neurons whose peak comes closest to
 * the threshold show the dynamics that matter: leak, integration, crossing, reset. The axis is
 * bounded to a few thresholds, and a trace that leaves it is cut there and said to be.
 */
final class MembraneTraces {
  /** How far past the threshold (in thresholds) the axis reaches, both ways. */
  static final double AXIS_THRESHOLDS = 2;

  private MembraneTraces() {}

  /** Up to {@code k} neurons of {@code u} ([neuron][time]), those whose peak is nearest {@code threshold} first. */
  static int[] nearThreshold(double[][] u, int k, double threshold) {
    Integer[] order = new Integer[u.length];
    double[] distance = new double[u.length];
    for (int j = 0; j < u.length; j++) {
      order[j] = j;
      distance[j] = Double.isFinite(peak(u[j])) ? Math.abs(peak(u[j]) - threshold) : Double.MAX_VALUE;
    }
    Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> distance[j]).thenComparingInt(j -> j));
    return Arrays.stream(order).limit(k).mapToInt(Integer::intValue).toArray();
  }

  static double peak(double[] trace) {
    return Arrays.stream(trace).max().orElse(0);
  }

  /** The trace cut to [lo, hi]; NaN stays NaN. */
  static double[] clip(double[] trace, double lo, double hi) {
    double[] out = new double[trace.length];
    for (int t = 0; t < trace.length; t++) {
      out[t] = Math.max(lo, Math.min(hi, trace[t]));
    }
    return out;
  }

  /** Whether any value of the trace lies outside [lo, hi]. */
  static boolean leaves(double[] trace, double lo, double hi) {
    return Arrays.stream(trace).anyMatch(v -> v < lo || v > hi);
  }
}
