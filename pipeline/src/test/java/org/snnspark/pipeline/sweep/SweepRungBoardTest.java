package org.snnspark.pipeline.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ASHA's stopping rule: at a rung, continue only among the best keep fraction seen there so far. */
class SweepRungBoardTest {
  @Test
  void aTrialContinuesOnlyAmongTheBestFractionRecordedAtItsRung() {
    RungBoard max = new RungBoard(new EarlyStopping(List.of(1, 3), 0.5), true);
    assertEquals(List.of(true, false, true, false, true),
        List.of(max.continues(1, 0.5), max.continues(1, 0.3), max.continues(1, 0.7), max.continues(1, 0.4),
            max.continues(3, 0.1)), "the first at a rung always continues; rungs are counted apart");
    RungBoard min = new RungBoard(new EarlyStopping(List.of(2), 1 / 3.0), false);
    assertEquals(List.of(true, false, true), List.of(min.continues(2, 1.0), min.continues(2, 2.0),
        min.continues(2, 0.5)));
  }
}
