package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SpikeBinnerTest {
  private static SpikeBinner binner(SpikePreprocessConfig cfg) {
    return new SpikeBinner(cfg);
  }

  @Test
  void countsDuplicatesSortsAndCountsSpikesPastTheWindow() {
    SpikeBinner b = binner(new SpikePreprocessConfig().setChannels(10).setNSteps(4).setMaxTime(1.0));
    float[] t = {0.9f, 0.0f, 0.26f, 0.26f, 0.999f, 1.0f, 2.0f, 0.1f};
    int[] u = {3, 5, 9, 9, 0, 1, 2, 5};
    assertNull(b.validate(t, u));
    SpikeBinner.Frames f = b.bin(t, u);
    assertArrayEquals(new int[] {0, 1, 3, 3}, f.time());
    assertArrayEquals(new int[] {5, 9, 0, 3}, f.channel());
    assertArrayEquals(new int[] {2, 2, 1, 1}, f.count());
    assertEquals(8, f.spikes());
    assertEquals(2, f.beyondWindow());
    assertEquals(2.0f, f.maxSpikeTime());
  }

  @Test
  void binaryModeAndDownsampling() {
    SpikeBinner b = binner(new SpikePreprocessConfig().setChannels(700).setNSteps(2).setMaxTime(1.0)
        .setDownsample(0.5).setMode(SpikePreprocessConfig.Mode.BINARY));
    assertEquals(350, b.outChannels());
    SpikeBinner.Frames f = b.bin(new float[] {0.1f, 0.2f, 0.3f, 0.6f}, new int[] {698, 699, 10, 11});
    assertArrayEquals(new int[] {0, 0, 1}, f.time());
    assertArrayEquals(new int[] {5, 349, 5}, f.channel());
    assertArrayEquals(new int[] {1, 1, 1}, f.count());
  }

  @Test
  void outputChannelsCoverTheLargestMappedIndex() {
    assertEquals(210, new SpikePreprocessConfig().setDownsample(0.3).outputChannels());
    assertEquals(2, new SpikePreprocessConfig().setChannels(10).setDownsample(0.15).outputChannels());
    assertEquals(700, new SpikePreprocessConfig().outputChannels());
  }

  @Test
  void timeWindowGivesCeilOfMaxTimeBins() {
    SpikePreprocessConfig cfg = new SpikePreprocessConfig().setMaxTime(1.4).setTimeWindow(0.014);
    assertEquals(100, cfg.numSteps());
    assertEquals(1.4, cfg.windowEnd(), 1e-12);
    SpikePreprocessConfig odd = new SpikePreprocessConfig().setMaxTime(1.0).setTimeWindow(0.3);
    assertEquals(4, odd.numSteps());
    assertEquals(1.2, odd.windowEnd(), 1e-12); // the last window is kept whole, as ToFrame does
  }

  @Test
  void validationNamesTheProblem() {
    SpikeBinner b = binner(new SpikePreprocessConfig().setChannels(700));
    assertEquals("spikes/times has 2 entries but spikes/units has 1", b.validate(new float[2], new int[1]));
    assertEquals("unit 700 outside 0..699 (channels = 700) at spike 1", b.validate(new float[2], new int[] {0, 700}));
    assertEquals("time is NaN at spike 0", b.validate(new float[] {Float.NaN}, new int[1]));
    assertEquals("negative time -1.0 s at spike 0", b.validate(new float[] {-1}, new int[1]));
    assertEquals("infinite time at spike 0", b.validate(new float[] {Float.POSITIVE_INFINITY}, new int[1]));
  }

  @Test
  void radixSortOfPairsEqualsAComparisonSortOfKeys() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int[] shape : new int[][] {{700, 100, 9000}, {700, 100, 40}, {350, 1400, 5000}, {7, 3, 500}, {700, 100, 0}}) {
      int channels = shape[0], steps = shape[1], n = shape[2];
      SpikeBinner b = new SpikeBinner(channels, channels, steps, 1.0 / steps, 1.0, 1.0, false);
      int[] bins = new int[n];
      int[] chans = new int[n];
      int[] keys = new int[n];
      for (int k = 0; k < n; k++) {
        bins[k] = r.nextInt(steps);
        chans[k] = r.nextInt(channels);
        keys[k] = bins[k] * channels + chans[k];
      }
      java.util.Arrays.sort(keys);
      b.sort(bins, chans, n);
      for (int k = 0; k < n; k++) {
        assertEquals(keys[k], bins[k] * channels + chans[k], "channels " + channels + ", steps " + steps + ", n " + n + ", at " + k);
      }
    }
  }
}
