package org.snnspark.pipeline.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;

/** An executor's kept worker networks when it trains several runs at once, as a sweep's trials do. */
class WorkerNetworksTest {
  private static final MultiLayerNetwork NET = network();

  private static MultiLayerNetwork network() {
    MultiLayerNetwork n = new MultiLayerNetwork(NetworkBuilder.build(new ModelSpec().withHidden(4), 6, 3, 1,
        new Adam(1e-3)));
    n.init();
    return n;
  }

  private static WorkerNetworks.Taken round(String run) {
    WorkerNetworks.Taken t = WorkerNetworks.take(run, 0, NET.getLayerWiseConfigurations().toJson(),
        FlatState.read(NET));
    WorkerNetworks.giveBack(run, 0, t.net());
    return t;
  }

  @Test
  void runsTrainingSideBySideKeepTheirNetworks() {
    assertTrue(round("a").built());
    assertTrue(round("b").built());
    WorkerNetworks.Taken a = round("a");
    assertFalse(a.built(), "run b's round did not drop run a's network");
    assertSame(a.net(), round("a").net());
    assertFalse(round("b").built());
    WorkerNetworks.release("a");
    WorkerNetworks.release("b");
  }

  @Test
  void theLeastRecentlyUsedRunsAreDroppedBeyondTheBound() {
    for (int r = 0; r <= WorkerNetworks.MAX_RUNS; r++) {
      round("run" + r);
    }
    assertEquals(0, WorkerNetworks.idle("run0"), "the oldest run's network went");
    for (int r = 1; r <= WorkerNetworks.MAX_RUNS; r++) {
      assertEquals(1, WorkerNetworks.idle("run" + r));
      WorkerNetworks.release("run" + r);
    }
    assertEquals(0, WorkerNetworks.idle("run1"));
  }
}
