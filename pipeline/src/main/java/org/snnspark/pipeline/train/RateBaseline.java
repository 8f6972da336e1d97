package org.snnspark.pipeline.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.snnspark.pipeline.data.Sample;
import scala.Tuple2;

/**
 * The trivial rule a network has to beat: classify a sample by the nearest class centroid of its
 * time-free profile ({@link org.snnspark.pipeline.data.Sample#timeProfile}: per-channel spike
 * counts, or per-feature means). On a dataset where only timing separates the classes, this stays
 * near chance while the network does not.
 */
public final class RateBaseline {
  private RateBaseline() {}

  /** Accuracy on {@code test} of centroids fitted on {@code train}. */
  public static double accuracy(JavaRDD<Sample> train, JavaRDD<Sample> test,
      int channels, int classes) {
    List<Tuple2<Integer, double[]>> sums = train
        .mapToPair(s -> new Tuple2<>(s.label(), withCount(s.timeProfile(channels))))
        .reduceByKey(RateBaseline::add)
        .collect();
    double[][] centroids = new double[classes][];
    for (Tuple2<Integer, double[]> t : sums) {
      double[] sum = t._2();
      double n = sum[channels];
      double[] c = new double[channels];
      for (int i = 0; i < channels; i++) {
        c[i] = sum[i] / n;
      }
      centroids[t._1()] = c;
    }
    long correct = test.map(s -> nearest(s.timeProfile(channels), centroids) == s.label() ? 1L : 0L)
        .reduce(Long::sum);
    return correct / (double) test.count();
  }

  private static double[] withCount(double[] p) {
    double[] out = java.util.Arrays.copyOf(p, p.length + 1);
    out[p.length] = 1;
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    double[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i];
    }
    return out;
  }

  static int nearest(double[] p, double[][] centroids) {
    int best = -1;
    double bestDist = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      if (centroids[c] == null) {
        continue; // a class absent from train can never be predicted
      }
      double d = 0;
      for (int i = 0; i < p.length; i++) {
        double diff = p[i] - centroids[c][i];
        d += diff * diff;
      }
      if (d < bestDist) {
        bestDist = d;
        best = c;
      }
    }
    return best;
  }
}
