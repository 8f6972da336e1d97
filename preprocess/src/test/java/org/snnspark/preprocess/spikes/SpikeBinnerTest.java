package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
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
  void countingAndSortingBinTheSame() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    // channels, steps, spikes, downsample, binary: frames counted into, and frames too sparse for it
    double[][] shapes = {{700, 100, 9000, 1, 0}, {700, 100, 40, 1, 0}, {700, 1400, 5000, 0.5, 0},
        {7, 3, 500, 1, 1}, {700, 100, 0, 1, 0}, {700, 100, 3000, 0.3, 1}, {64, 64, 20000, 1, 0}};
    for (double[] shape : shapes) {
      int channels = (int) shape[0], steps = (int) shape[1], n = (int) shape[2];
      SpikeBinner b = new SpikeBinner(channels, (int) Math.floor((channels - 1) * shape[3]) + 1, steps,
          1.2 / steps, 1.2, shape[3], shape[4] == 1);
      float[] times = new float[n];
      int[] units = new int[n];
      for (int k = 0; k < n; k++) {
        times[k] = (float) (r.nextDouble() * 1.4); // some past the window
        units[k] = r.nextInt(channels);
      }
      SpikeBinner.Frames counted = b.bin(times, units);
      SpikeBinner.Frames sorted = b.binBySorting(times, units);
      String what = java.util.Arrays.toString(shape);
      assertArrayEquals(sorted.time(), counted.time(), what);
      assertArrayEquals(sorted.channel(), counted.channel(), what);
      assertArrayEquals(sorted.count(), counted.count(), what);
      assertEquals(sorted.beyondWindow(), counted.beyondWindow(), what);
      assertEquals(sorted.maxSpikeTime(), counted.maxSpikeTime(), what);
      assertEquals(n, counted.spikes());
      assertArrayEquals(counted.count(), b.bin(times, units).count(), "binning again from the same thread's scratch, " + what);
    }
  }

  @Test
  void aReusedBufferHoldsJustTheLastSamplesFrame() {
    SpikeBinner b = binner(new SpikePreprocessConfig().setChannels(700));
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    FrameBuffer reused = new FrameBuffer();
    // dense (counted) and sparse (sorted) samples in turn, larger and smaller than the one before
    for (int n : new int[] {9000, 40, 3000, 12, 0, 5000, 30}) {
      float[] times = new float[n];
      int[] units = new int[n];
      for (int k = 0; k < n; k++) {
        times[k] = (float) (r.nextDouble() * 1.5);
        units[k] = r.nextInt(700);
      }
      assertTrue(b.binInto(times, units, reused));
      SpikeBinner.Frames fresh = b.binBySorting(times, units);
      SpikeBinner.Frames got = reused.toFrames();
      assertArrayEquals(fresh.time(), got.time(), n + " spikes");
      assertArrayEquals(fresh.channel(), got.channel(), n + " spikes");
      assertArrayEquals(fresh.count(), got.count(), n + " spikes");
      assertEquals(fresh.beyondWindow(), got.beyondWindow());
      assertEquals(fresh.maxSpikeTime(), got.maxSpikeTime());
      assertEquals(n, got.spikes());
    }
  }

  @Test
  void invalidSpikesBinToNothingAndLeaveNoCountsBehind() {
    SpikeBinner b = binner(new SpikePreprocessConfig().setChannels(700));
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    float[] times = new float[3000];
    int[] units = new int[3000];
    for (int k = 0; k < times.length; k++) {
      times[k] = (float) (r.nextDouble() * 1.3);
      units[k] = r.nextInt(700);
    }
    SpikeBinner.Frames clean = b.binBySorting(times, units);
    for (float badTime : new float[] {Float.NaN, -0.5f, Float.POSITIVE_INFINITY}) {
      float[] bad = times.clone();
      bad[2000] = badTime;
      assertNotNull(b.validate(bad, units));
      assertNull(b.binIfValid(bad, units), "time " + badTime);
    }
    int[] badUnits = units.clone();
    badUnits[2999] = 700;
    assertNull(b.binIfValid(times, badUnits));
    assertNull(b.binIfValid(times, new int[10]), "lengths differ");
    // the counts the invalid samples left half way are gone
    SpikeBinner.Frames again = b.binIfValid(times, units);
    assertArrayEquals(clean.count(), again.count());
    assertArrayEquals(clean.channel(), again.channel());
    assertArrayEquals(new int[] {3}, b.binIfValid(new float[] {-0f}, new int[] {3}).channel(), "-0 is a valid time");
  }

  @Test
  void everyFloat16TimeBinsAsTheFormulaSays() {
    // float16 times (SHD, SSC) take a look-up table, other floats the formula; both must agree with
    // the definition (binBySorting's formula), for one spike at a time and for all valid ones at once
    SpikeBinner[] binners = {binner(new SpikePreprocessConfig().setChannels(4)),
        binner(new SpikePreprocessConfig().setChannels(4).setMaxTime(1.0).setTimeWindow(0.3)),
        binner(new SpikePreprocessConfig().setChannels(4).setMaxTime(0.5).setNSteps(7)),
        binner(new SpikePreprocessConfig().setChannels(4).setMaxTime(2.0).setNSteps(40_000))}; // no table
    int[] unit = {2};
    for (SpikeBinner b : binners) {
      List<Float> valid = new ArrayList<>();
      for (int h = 0; h < 1 << 16; h++) {
        float half = org.snnspark.preprocess.hdf5.Float16.toFloat((short) h);
        for (float t : new float[] {half, Math.nextUp(half)}) { // the next float is no float16 value
          SpikeBinner.Frames f = b.binIfValid(new float[] {t}, unit);
          if (!(t >= 0) || Float.isInfinite(t)) {
            assertNull(f, "time " + t + " is invalid");
            continue;
          }
          assertNotNull(f, "time " + t);
          valid.add(t);
          assertEquals(Math.max(t, 0f), f.maxSpikeTime(), "largest time of " + t);
          assertArrayEquals(b.binBySorting(new float[] {t}, unit).time(), f.time(), "bin of " + t);
          assertEquals(f.time().length == 0 ? 1 : 0, f.beyondWindow(), "beyond the window: " + t);
        }
      }
      float[] times = new float[valid.size()];
      for (int k = 0; k < times.length; k++) {
        times[k] = valid.get(k);
      }
      int[] units = new int[times.length];
      java.util.Arrays.fill(units, 2);
      FrameBuffer all = new FrameBuffer();
      assertTrue(b.binInto(times, units, all));
      SpikeBinner.Frames expected = b.binBySorting(times, units);
      assertArrayEquals(expected.time(), all.toFrames().time());
      assertArrayEquals(expected.count(), all.toFrames().count());
      assertEquals(expected.beyondWindow(), all.beyondWindow);
    }
  }

  @Test
  void halvesBinAsTheirDecodedSpikes() {
    // binHalvesInto takes a file's float16 bits and 16-bit units as stored; binInto the decoded
    // values: same frames, same verdict, for every bit pattern and for units out of range either way
    SpikeBinner[] binners = {binner(new SpikePreprocessConfig().setChannels(700)),
        binner(new SpikePreprocessConfig().setChannels(700).setMaxTime(0.5).setNSteps(7).setDownsample(0.3)
            .setMode(SpikePreprocessConfig.Mode.BINARY)),
        binner(new SpikePreprocessConfig().setChannels(4).setMaxTime(1.0).setTimeWindow(0.3))};
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    FrameBuffer halves = new FrameBuffer();
    FrameBuffer decoded = new FrameBuffer();
    for (SpikeBinner b : binners) {
      assertTrue(b.bindsHalves());
      int channels = b == binners[2] ? 4 : 700;
      // each bit pattern alone, then SHD-like samples with a bad value here and there
      for (int h = 0; h < 1 << 16; h++) {
        short[] t = {(short) h};
        short[] u = {(short) r.nextInt(channels)};
        assertSameBinning(b, t, u, false, halves, decoded, "bits " + h);
      }
      for (int sample = 0; sample < 200; sample++) {
        int n = sample % 50 == 0 ? 0 : r.nextInt(9000);
        short[] t = new short[n];
        short[] u = new short[n];
        for (int k = 0; k < n; k++) {
          t[k] = org.snnspark.preprocess.hdf5.Float16.fromFloat((float) (r.nextDouble() * 1.5));
          u[k] = (short) r.nextInt(channels);
        }
        if (n > 0 && sample % 7 == 3) {
          u[r.nextInt(n)] = (short) (sample % 2 == 0 ? channels : 0xfff0); // past the channels; negative if signed
        }
        if (n > 0 && sample % 11 == 5) {
          t[r.nextInt(n)] = (short) (0x8000 | r.nextInt(0x10000)); // a negative time (or -0, which is valid)
        }
        assertSameBinning(b, t, u, false, halves, decoded, "sample " + sample);
        assertSameBinning(b, t, u, true, halves, decoded, "sample " + sample + ", signed units");
      }
    }
    assertFalse(new SpikeBinner(700, 700, 40_000, 1e-4, 4.0, 1.0, false).bindsHalves(), "28 M cells: sorted");
  }

  private static void assertSameBinning(SpikeBinner b, short[] times, short[] units, boolean signed,
      FrameBuffer halves, FrameBuffer decoded, String what) {
    float[] t = new float[times.length];
    int[] u = new int[units.length];
    for (int k = 0; k < t.length; k++) {
      t[k] = org.snnspark.preprocess.hdf5.Float16.toFloat(times[k]);
      u[k] = signed ? units[k] : units[k] & 0xffff;
    }
    boolean valid = b.binInto(t, u, decoded);
    assertEquals(valid, b.binHalvesInto(times, units, times.length, signed, halves), what);
    if (valid) {
      SpikeBinner.Frames want = decoded.toFrames();
      SpikeBinner.Frames got = halves.toFrames();
      assertArrayEquals(want.time(), got.time(), what);
      assertArrayEquals(want.channel(), got.channel(), what);
      assertArrayEquals(want.count(), got.count(), what);
      assertEquals(want.spikes(), got.spikes(), what);
      assertEquals(want.beyondWindow(), got.beyondWindow(), what);
      assertEquals(Float.floatToRawIntBits(want.maxSpikeTime()), Float.floatToRawIntBits(got.maxSpikeTime()), what);
    }
  }
}
