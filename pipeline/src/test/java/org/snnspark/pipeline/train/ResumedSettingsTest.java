package org.snnspark.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a resumed run may change against the run it continues (the training itself: SparkTrainerTest). */
class ResumedSettingsTest {

  @Test
  void theRunsLengthMayChangeAnythingElseIsNamedWithBothValues() {
    String before = """
        # snn-spark train: the settings of this run
        dataset = "/data/shd"
        epochs = 10
        hidden = [128, 128]
        resume = false
        """;
    String now = """
        # snn-spark train: the settings of this run
        dataset = "/data/ssc"
        epochs = 30
        hidden = [128, 128]
        lr = 0.02
        resume = true
        """;
    assertEquals(List.of("--dataset /data/ssc (was /data/shd)", "--lr 0.02 (was unset)"),
        ResumedSettings.differences(ResumedSettings.entries("before", before), ResumedSettings.entries("now", now)));
  }

  @Test
  void aRunIsResumedWithTheWorkersItTrainedWith() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ResumedSettings.requireSameWorkers(2, 4, "hdfs:///runs/a"));
    assertEquals("--resume: the interrupted run of hdfs:///runs/a trained with 2 worker(s), this run would train"
        + " with 4 (--workers 0 is one per executor); resume with --workers 2, or start again with --overwrite",
        e.getMessage());
    assertDoesNotThrow(() -> ResumedSettings.requireSameWorkers(2, 2, "hdfs:///runs/a"));
    assertDoesNotThrow(() -> ResumedSettings.requireSameWorkers(0, 4, "hdfs:///runs/old"),
        "a checkpoint from before the count was recorded");
  }
}
