package org.snnspark.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.pipeline.io.StagedOutput;
import org.snnspark.pipeline.report.EpochStats;

/** metrics.json read back is the result that wrote it, but for what it does not hold. */
class RunMetricsTest {
  @TempDir Path dir;

  @Test
  void aFinishedRunsMetricsReadBackAsItsResult() {
    Configuration conf = new Configuration();
    String run = dir.resolve("run").toString();
    List<EpochStats> epochs = List.of(
        new EpochStats(1, 1.25, Double.NaN, 0.5, 0.01, new double[] {0.05}, 200, 2.0),
        new EpochStats(2, 0.75, 0.8, 0.625, 0.005, new double[] {0.04}, 200, 4.0));
    TrainResult written = new TrainResult(run, epochs, 2, 0.625, 0.7, new long[][] {{1}}, 1, 3, List.of());
    assertFalse(RunMetrics.exists(conf, run));
    try (StagedOutput out = StagedOutput.begin(conf, run, false)) {
      MetricsWriter.write(out, written, List.of("a"));
      out.commit();
    }

    assertTrue(RunMetrics.exists(conf, run));
    TrainResult read = RunMetrics.read(conf, run);
    assertEquals(2, read.bestEpoch());
    assertEquals(0.625, read.bestValidAccuracy());
    assertEquals(0.7, read.testAccuracy());
    assertEquals(epochs.size(), read.epochs().size());
    for (int i = 0; i < epochs.size(); i++) {
      EpochStats a = epochs.get(i);
      EpochStats b = read.epochs().get(i);
      assertEquals(List.of(a.epoch(), a.trainLoss(), a.trainAccuracy(), a.validAccuracy(), a.learningRate(),
          a.samples(), a.seconds()), List.of(b.epoch(), b.trainLoss(), b.trainAccuracy(), b.validAccuracy(),
          b.learningRate(), b.samples(), b.seconds()));
      assertArrayEquals(a.firingRates(), b.firingRates());
    }
  }
}
