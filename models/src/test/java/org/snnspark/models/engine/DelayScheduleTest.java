package org.snnspark.models.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayScheduleTest {

  /** SNN-delays' SHD setting: 25 taps, sigma from 12 + 0.27 multiplied down over 37 epochs, then held. */
  @Test
  void followsSnnDelaysDecreaseSig() {
    int taps = 25, finalEpoch = 37;
    DelaySchedule schedule = new DelaySchedule(taps - 1, finalEpoch);
    double sig = taps / 2;
    double alpha = Math.pow(0.23 / sig, 1.0 / finalEpoch);
    for (int epoch = 0; epoch < 150; epoch++) {
      assertEquals(Math.abs(sig) + 0.27, schedule.sigmaAt(epoch), 1e-12, "epoch " + epoch);
      // their decrease_sig after each epoch (floating point lets the last step land a hair above 0.23)
      if (epoch < finalEpoch && sig > 0.23 + 1e-9) {
        sig *= alpha;
      }
    }
    assertEquals(12.27, schedule.sigmaAt(0), 1e-12);
    assertEquals(0.5, schedule.sigmaAt(finalEpoch), 1e-12);
  }

  @Test
  void narrowsMonotonicallyAndHolds() {
    DelaySchedule s = new DelaySchedule(8, 5);
    for (int e = 0; e < 5; e++) {
      assertTrue(s.sigmaAt(e + 1) < s.sigmaAt(e));
    }
    assertEquals(s.sigmaAt(5), s.sigmaAt(50));
    assertEquals(0.5, new DelaySchedule(8, 0).sigmaAt(0), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> new DelaySchedule(0, 3));
  }
}
