package org.snnspark.preprocess.synth;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The generator's promise: classes differ only in timing. A nearest-centroid classifier on
 * per-channel spike counts (what a rate-only rule sees) stays near chance, while decoding the band
 * order from spike timing recovers the labels of held-out speakers.
 */
class SyntheticShdStructureTest {
  private static final SyntheticShdConfig CFG = SyntheticShdConfig.defaults().withSamples(600, 300);

  @Test
  void countsDoNotSeparateClassesButTimingDoes() {
    SyntheticShdGenerator gen = new SyntheticShdGenerator(CFG);
    int classes = CFG.classes();
    int channels = CFG.channels();
    double[][] centroid = new double[classes][channels];
    int[] perClass = new int[classes];
    for (int i = 0; i < CFG.trainSamples(); i++) {
      SyntheticShdGenerator.Sample s = gen.sample(false, i);
      double[] h = normalisedChannelHistogram(s, channels);
      for (int c = 0; c < channels; c++) {
        centroid[s.label()][c] += h[c];
      }
      perClass[s.label()]++;
    }
    for (int k = 0; k < classes; k++) {
      for (int c = 0; c < channels; c++) {
        centroid[k][c] /= perClass[k];
      }
    }
    int countCorrect = 0;
    int orderCorrect = 0;
    for (int i = 0; i < CFG.testSamples(); i++) {
      SyntheticShdGenerator.Sample s = gen.sample(true, i);
      double[] h = normalisedChannelHistogram(s, channels);
      int best = -1;
      double bestD = Double.MAX_VALUE;
      for (int k = 0; k < classes; k++) {
        double d = 0;
        for (int c = 0; c < channels; c++) {
          d += (h[c] - centroid[k][c]) * (h[c] - centroid[k][c]);
        }
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      countCorrect += best == s.label() ? 1 : 0;
      orderCorrect += decodeOrder(gen, s) == s.label() ? 1 : 0;
    }
    double countAcc = countCorrect / (double) CFG.testSamples();
    double orderAcc = orderCorrect / (double) CFG.testSamples();
    assertTrue(countAcc < 0.25, "per-channel counts should be near chance (0.10), got " + countAcc);
    assertTrue(orderAcc > 0.9, "band order from timing should give the class, got " + orderAcc);
  }

  private static double[] normalisedChannelHistogram(SyntheticShdGenerator.Sample s, int channels) {
    double[] h = new double[channels];
    for (int u : s.units()) {
      h[u] += 1.0 / s.units().length;
    }
    return h;
  }

  /** Orders bands by the median time of their spikes; the class with the nearest order wins. */
  private static int decodeOrder(SyntheticShdGenerator gen, SyntheticShdGenerator.Sample s) {
    int bands = CFG.bands();
    double width = gen.bandWidth();
    double[] sum = new double[bands];
    int[] n = new int[bands];
    for (int k = 0; k < s.units().length; k++) {
      int b = (int) Math.min(bands - 1, s.units()[k] / width);
      sum[b] += s.times()[k];
      n[b]++;
    }
    Integer[] order = new Integer[bands];
    for (int b = 0; b < bands; b++) {
      order[b] = b;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(sum[a] / n[a], sum[b] / n[b]));
    int[] observed = new int[bands];
    for (int j = 0; j < bands; j++) {
      observed[j] = order[j];
    }
    int best = -1;
    int bestD = Integer.MAX_VALUE;
    for (int k = 0; k < CFG.classes(); k++) {
      int d = SyntheticShdGenerator.kendall(observed, gen.classOrder(k));
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best;
  }
}
