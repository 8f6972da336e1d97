package org.snnspark.pipeline.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The round cost model on round numbers: 10 ms fixed, 1 GB/s, 1 GFLOP/s, fan-in 8. */
class RoundCostModelTest {
  private final RoundCostModel model = new RoundCostModel(0.010, 1e9, 1e9, 8);

  @Test
  void aRoundPaysTheBroadcastOnceAndOneStatePerWorkerUpToTheFanIn() {
    long state = RoundCostModel.adamStateBytes(1_000_000); // 12 MB: 12 ms a transfer
    assertEquals(12_000_000, state);
    assertEquals(0.010 + 0.012 + 4 * 0.012, model.communicationSeconds(4, state), 1e-12);
    // 16 workers: 8 states into a tree node, then 2 partial sums (doubles) to the driver
    assertEquals(0.010 + 0.012 + 8 * 0.012 + 2 * 2 * 0.012, model.communicationSeconds(16, state), 1e-12);
  }

  @Test
  void autoPicksTheSmallestFrequencyUnderTheShare() {
    // no state: 10 ms a round; a minibatch of 10 samples x 1 MFLOP = 10 ms
    assertEquals(0.5, model.communicationShare(1, 0, 1, 10, 1e6), 1e-12);
    int f = model.frequencyFor(0.1, 1, 0, 10, 1e6, 1000);
    assertEquals(10, f, "10 ms against 100 ms is 9.1%; against 90 ms it is 10%");
    assertTrue(model.communicationShare(1, 0, f - 1, 10, 1e6) >= 0.1);
    assertEquals(1000, model.frequencyFor(0.0, 1, 0, 10, 1e6, 1000), "never reached: the limit");
  }

  @Test
  void autoTakesCommunicationsChoiceUnlessLocalStepsWouldCostEpochs() {
    // 10 ms a round against 10 ms a minibatch: communication alone asks for 10 minibatches
    assertEquals(10, model.communicationFrequency(1, 0, 10, 1e6));
    assertEquals(10, model.autoFrequency(1, 0, 10, 1e6), "one worker: nothing bounds it");
    assertEquals(LocalSteps.maxFrequency(2), model.autoFrequency(2, 0, 10, 1e6), "2 workers: the local-steps bound");
    assertEquals(1, model.autoFrequency(8, 0, 10, 1e6));
  }

  @Test
  void anEpochPaysCommunicationPerRoundAndComputeOnlyForTheMinibatchesThereAre() {
    // 1000 samples over 4 workers: 250 each, 25 minibatches of 10, 3 rounds of up to 10
    double epoch = model.epochSeconds(1000, 4, 10, 10, 0, 1e6);
    assertEquals(3 * 0.010 + 25 * 0.010, epoch, 1e-12);
  }
}
