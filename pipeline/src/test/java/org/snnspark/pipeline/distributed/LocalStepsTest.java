package org.snnspark.pipeline.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LocalStepsTest {
  @Test
  void oneWorkerHasNothingToAverageSoNoBound() {
    assertEquals(Integer.MAX_VALUE, LocalSteps.maxFrequency(1));
  }

  @Test
  void aRoundStandsForAtMostEightMinibatchesOfOneWorker() {
    assertEquals(4, LocalSteps.maxFrequency(2));
    assertEquals(2, LocalSteps.maxFrequency(3));
    assertEquals(2, LocalSteps.maxFrequency(4));
    assertEquals(1, LocalSteps.maxFrequency(5));
  }

  @Test
  void manyWorkersStillFitOneMinibatchARound() {
    assertEquals(1, LocalSteps.maxFrequency(8));
    assertEquals(1, LocalSteps.maxFrequency(64));
  }

  @Test
  void noWorkersIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> LocalSteps.maxFrequency(0));
  }
}
