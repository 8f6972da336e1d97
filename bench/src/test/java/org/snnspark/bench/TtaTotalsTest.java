package org.snnspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Epochs to the target summed over datasets, the figure that compares worker counts. */
class TtaTotalsTest {

  @Test
  void eachWorkerCountIsSummedOverTheDatasetsAndComparedWithOneWorkersTotal() {
    TtaTotals totals = new TtaTotals(30);
    long[] seeds = {42, 7, 13};
    int[] one = {7, 6, 5};
    int[] eight = {12, 8, 12};
    for (int d = 0; d < seeds.length; d++) {
      totals.add("tta/SYNC/w1", seeds[d], one[d]);
      totals.add("tta/SYNC/w8", seeds[d], eight[d]);
    }

    Map<String, Object> line = totals.line("tta/SYNC/w8", "tta/SYNC/w1").toMap(Map.of());

    assertEquals("tta/SYNC/w8/total", line.get("name"));
    assertEquals(32, line.get("epochs_to_target_total"));
    assertEquals(List.of(12, 8, 12), line.get("epochs_to_target_by_dataset"));
    assertEquals(32 / 18.0, ((Number) line.get("epochs_vs_1_worker")).doubleValue(), 1e-3);
    assertEquals(Map.of("datasets", 3, "dataset_seeds", List.of(42L, 7L, 13L), "max_epochs", 30), line.get("params"));
  }

  @Test
  void aRunThatMissesTheTargetCountsAsTheEpochLimitAndIsSaid() {
    TtaTotals totals = new TtaTotals(30);
    totals.add("tta/DL4J/w8", 42, 22);
    totals.add("tta/DL4J/w8", 7, 0);

    Map<String, Object> line = totals.line("tta/DL4J/w8", "tta/DL4J/w1").toMap(Map.of());

    assertEquals(52, line.get("epochs_to_target_total"));
    assertEquals(1, line.get("datasets_not_reached"));
    assertEquals(List.of(22, "not reached in 30"), line.get("epochs_to_target_by_dataset"));
    assertFalse(line.containsKey("epochs_vs_1_worker"), "no one-worker runs on these datasets: no ratio");
  }

  @Test
  void aRatioComparesTheSameDatasetsOnly() {
    TtaTotals totals = new TtaTotals(30);
    totals.add("tta/SYNC/w1", 42, 7);
    totals.add("tta/SYNC/w1", 7, 6);
    totals.add("tta/SYNC/w8", 42, 12);
    totals.add("tta/SYNC/w8", 13, 12);

    Map<String, Object> line = totals.line("tta/SYNC/w8", "tta/SYNC/w1").toMap(Map.of());

    assertEquals(List.of(42L, 13L), ((Map<?, ?>) line.get("params")).get("dataset_seeds"));
    assertFalse(line.containsKey("epochs_vs_1_worker"), "one worker's run failed on seed 13, 8 workers' on 7: no ratio");
  }
}
