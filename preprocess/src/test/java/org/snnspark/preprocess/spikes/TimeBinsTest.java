package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.snnspark.preprocess.hdf5.Float16;
import org.snnspark.preprocess.testutil.Fixtures;

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
      TimeBins bins = TimeBins.floor(nSteps, width);
      // all float16 values from 0 to 2 s (what Heidelberg files hold), past the last bin too
      for (short h = 0; Float16.toFloat(h) < 2f; h++) {
        check(bins, Float16.toFloat(h), nSteps, width);
      }
      assertEquals((int) Math.min(nSteps - 1, Math.floor(0.3f / width)), bins.formula(0.3f), "the floor definition");
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
  void digitizeIsNumpysDigitizeOnLinspace() throws Exception {
    JsonNode numpy = new ObjectMapper().readTree(Fixtures.h5pyShd().resolve("expected-digitize.json").toFile());
    int nSteps = numpy.get("n_steps").asInt();
    double maxTime = numpy.get("max_time").asDouble();
    TimeBins bins = TimeBins.digitize(nSteps, maxTime);
    double step = maxTime / (nSteps - 1);
    for (int i = 0; i < nSteps - 1; i++) {
      assertEquals(numpy.get("edges").get(i).asDouble(), i * step, 0.0, "linspace edge " + i);
    }
    assertEquals(1, bins.formula(0f), "bin 0 is never used");
    float firstAtEdge = (float) step < step ? Math.nextUp((float) step) : (float) step;
    assertEquals(1, bins.formula(Math.nextDown(firstAtEdge)));
    assertEquals(2, bins.formula(firstAtEdge), "bins are maxTime / (nSteps - 1) wide");
    assertEquals(nSteps - 1, bins.formula(Math.nextDown((float) maxTime)));
    for (short h = 0; Float16.toFloat(h) < maxTime; h++) {
      float t = Float16.toFloat(h);
      int edgesAtOrBelow = 0;
      for (JsonNode e : numpy.get("edges")) {
        edgesAtOrBelow += e.asDouble() <= t ? 1 : 0;
      }
      assertEquals(edgesAtOrBelow, bins.of(t), "t = " + t);
    }
    for (int[] shape : new int[][] {{2, 1}, {7, 3}, {100, 1}, {TimeBins.MAX_TABLE_BINS + 1, 2}}) {
      TimeBins other = TimeBins.digitize(shape[0], shape[1]);
      for (short h = 0; Float16.toFloat(h) < shape[1]; h++) {
        assertEquals(other.formula(Float16.toFloat(h)), other.of(Float16.toFloat(h)));
      }
    }
  }

  @Test
  void aDeserializedCopyBinsAlike() throws Exception {
    TimeBins bins = TimeBins.floor(100, 1.4 / 100);
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
    assertEquals(bins.formula(t), bins.of(t), () -> "t = " + t + " (bits " + Integer.toHexString(
        Float.floatToRawIntBits(t)) + "), " + nSteps + " bins of " + width + " s");
  }
}
