package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snnspark.preprocess.hdf5.Float16;

class TimeBinsTest {
  /**
   * sparch's 100 bins over 1.4 s, Tonic-style windows, widths that are not round in binary; 10 us
   * bins are one where the multiplication's guess is below the formula's bin (at t = 0.4375 and six
   * more float16 times), with the table and beyond it.
   */
  private static final double[][] SHAPES = {{100, 1.4 / 100}, {4, 0.3}, {7, 1.2 / 7}, {1400, 1.0 / 1400},
      {3, 1.0 / 3}, {1, 2.0}, {TimeBins.MAX_TABLE_BINS, 1e-5}, {TimeBins.MAX_TABLE_BINS + 1, 1e-5}};

  @Test
  void everyFloat16TimeAndEveryEdgeGetTheFormulasBin() {
    for (double[] shape : SHAPES) {
      int nSteps = (int) shape[0];
      double width = shape[1];
      TimeBins bins = new TimeBins(nSteps, width);
      // all float16 values from 0 to 2 s (what Heidelberg files hold), past the last bin too
      for (short h = 0; Float16.toFloat(h) < 2f; h++) {
        check(bins, Float16.toFloat(h), nSteps, width);
      }
      // the floats on either side of every bin edge
      for (int b = 1; b <= Math.min(nSteps, 5000); b++) {
        float edge = (float) (b * width);
        for (int d = -3; d <= 3; d++) {
          float t = Float.intBitsToFloat(Float.floatToRawIntBits(edge) + d);
          check(bins, t, nSteps, width);
        }
      }
      SplittableRandom r = new SplittableRandom(11);
      for (int k = 0; k < 100_000; k++) {
        check(bins, (float) (r.nextDouble() * nSteps * width * 1.1), nSteps, width);
      }
      check(bins, -0f, nSteps, width);
    }
  }

  @Test
  void aDeserializedCopyBinsAlike() throws Exception {
    TimeBins bins = new TimeBins(100, 1.4 / 100);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(bins);
    }
    TimeBins copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (TimeBins) in.readObject();
    }
    for (float t = 0; t < 1.5f; t += 0.0007f) {
      assertEquals(bins.of(t), copy.of(t), "t = " + t);
    }
  }

  private static void check(TimeBins bins, float t, int nSteps, double width) {
    assertEquals(TimeBins.formula(t, nSteps, width), bins.of(t), () -> "t = " + t + " (bits " + Integer.toHexString(
        Float.floatToRawIntBits(t)) + "), " + nSteps + " bins of " + width + " s");
  }
}
