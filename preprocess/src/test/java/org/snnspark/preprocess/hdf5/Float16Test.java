package org.snnspark.preprocess.hdf5;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class Float16Test {

  @Test
  void everyHalfSurvivesTheRoundTrip() {
    for (int h = 0; h < 65536; h++) {
      float f = Float16.toFloat((short) h);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(f))));
      } else {
        assertEquals((short) h, Float16.fromFloat(f), "bits " + Integer.toHexString(h));
      }
    }
  }

  @Test
  void roundsToNearestEven() {
    assertEquals(1.0f, Float16.round(1.0f + 0x1p-11f)); // halfway, 1.0 is even
    assertEquals(1.0f + 0x1p-9f, Float16.round(1.0f + 0x1p-10f + 0x1p-11f)); // halfway, round up to even
    assertEquals(1.0f + 0x1p-10f, Float16.round(1.0f + 0x1p-11f + 0x1p-20f)); // above halfway
    assertEquals(65504f, Float16.round(65519f));
    assertEquals(Float.POSITIVE_INFINITY, Float16.round(65520f));
    assertEquals(0x1p-24f, Float16.round(0x1p-24f)); // smallest subnormal
    assertEquals(0f, Float16.round(0x1p-26f));
    assertEquals(1.400390625f, Float16.round(1.4f)); // SHD's 1.4 s window edge as float16
    assertEquals(-2.5f, Float16.round(-2.5f));
  }
}
