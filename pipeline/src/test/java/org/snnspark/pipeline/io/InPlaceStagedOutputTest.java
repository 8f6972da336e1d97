package org.snnspark.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.CommitProtocol;
import org.snnspark.preprocess.dataset.InPlaceOutput;
import org.snnspark.preprocess.dataset.JobOwner;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.testutil.DeadJob;

/**
 * Outputs written in place, as on object stores, here forced on a local disk
 * ({@code snnspark.output.commit=in-place}): the marker says "unfinished" until the commit.
 */
class InPlaceStagedOutputTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  InPlaceStagedOutputTest() {
    conf.set(CommitProtocol.KEY, "in-place");
  }

  @Test
  void filesGoUnderTheirFinalNamesAndTheCommitRemovesTheMarker() throws IOException {
    Path target = dir.resolve("preds");
    try (StagedOutput out = StagedOutput.begin(conf, target.toString(), false, "predictions.json", "predictions")) {
      out.writeString("split=test/part-00000.parquet", "rows");
      assertEquals(List.of(InPlaceOutput.UNFINISHED, "split=test"), names(target), "unfinished while written");
      out.writeString("predictions.json", "{}");
      out.commit();
    }
    assertEquals(List.of("predictions.json", "split=test"), names(target));
    assertEquals(List.of("preds"), names(dir), "no hidden sibling");
  }

  @Test
  void aFailedJobDeletesWhatItWrote() {
    Path target = dir.resolve("preds");
    assertThrows(IllegalStateException.class, () -> {
      try (StagedOutput out = StagedOutput.begin(conf, target.toString(), false, "predictions.json", "predictions")) {
        out.writeString("split=test/part-00000.parquet", "half");
        throw new IllegalStateException("job died");
      }
    });
    assertFalse(Files.exists(target));
  }

  @Test
  void whatAKilledJobLeftIsRemovedWhenItsJobEndedAndReplacedOnlyWithOverwriteOtherwise() throws Exception {
    Path target = dir.resolve("preds");
    Files.createDirectories(target.resolve("split=test"));
    Files.writeString(target.resolve("split=test/part-00000.parquet"), "half");
    Files.writeString(target.resolve(InPlaceOutput.UNFINISHED), JobOwner.current().tag());
    OptionException alive = assertThrows(OptionException.class,
        () -> StagedOutput.begin(conf, target.toString(), false, "predictions.json", "predictions"));
    assertTrue(alive.getMessage().contains("may still run"), alive.getMessage());

    Files.writeString(target.resolve(InPlaceOutput.UNFINISHED), DeadJob.owner().tag());
    try (StagedOutput out = StagedOutput.begin(conf, target.toString(), false, "predictions.json", "predictions")) {
      assertEquals(List.of(InPlaceOutput.UNFINISHED), names(target), "the dead job's files are gone");
      out.writeString("predictions.json", "{}");
      out.commit();
    }
  }

  @Test
  void anInterruptedRunIsResumedInPlaceAndItsModelsAreRefusedUntilItFinishes() throws IOException {
    Path run = dir.resolve("run");
    assertThrows(IllegalStateException.class, () -> {
      try (StagedOutput out = StagedOutput.resumable(conf, run.toString(), false, false)) {
        out.writeString("checkpoints/epoch-0001.json", "{}");
        out.writeString("model.zip", "PK\u0003\u0004 not yet a model");
        throw new IllegalStateException("killed after epoch 1");
      }
    });
    assertTrue(Files.exists(run.resolve(InPlaceOutput.UNFINISHED)), "kept for --resume, marked unfinished");
    assertEquals(Optional.of(hadoopPath(run)), interrupted(run), "what --resume (and a sweep's trial) continues");
    OptionException refused = assertThrows(OptionException.class,
        () -> ModelStore.load(conf, run.resolve("model.zip").toString()));
    assertTrue(refused.getMessage().contains("unfinished run"), refused.getMessage());
    IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
        () -> StagedOutput.resumable(conf, run.toString(), false, false));
    assertTrue(again.getMessage().contains("--resume"), again.getMessage());

    try (StagedOutput out = StagedOutput.resumable(conf, run.toString(), false, true)) {
      assertTrue(Files.exists(run.resolve("checkpoints/epoch-0001.json")), "the checkpoint is still there");
      out.writeString(StagedOutput.RUN_MARKER, "x");
      out.commit();
    }
    assertFalse(Files.exists(run.resolve(InPlaceOutput.UNFINISHED)));
    assertEquals(Optional.empty(), interrupted(run), "a finished run is nothing to continue");
    IllegalArgumentException finished = assertThrows(IllegalArgumentException.class,
        () -> StagedOutput.resumable(conf, run.toString(), false, true));
    assertTrue(finished.getMessage().contains("nothing to resume"), finished.getMessage());
  }

  @Test
  void overwriteWithdrawsTheOldOutputBeforeWriting() throws IOException {
    Path target = dir.resolve("preds");
    Files.createDirectories(target);
    Files.writeString(target.resolve("predictions.json"), "{\"old\": true}");
    Files.writeString(target.resolve("old-file"), "x");
    try (StagedOutput out = StagedOutput.begin(conf, target.toString(), true, "predictions.json", "predictions")) {
      assertEquals(List.of(InPlaceOutput.UNFINISHED), names(target), "the old output is gone first");
      out.writeString("predictions.json", "{}");
      out.commit();
    }
    Files.writeString(dir.resolve("photos"), "not ours");
    assertThrows(OptionException.class, () -> StagedOutput.begin(conf, dir.resolve("photos").toString(), true,
        "predictions.json", "predictions"));
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private Optional<org.apache.hadoop.fs.Path> interrupted(Path run) throws IOException {
    org.apache.hadoop.fs.Path target = hadoopPath(run);
    return StagedOutput.interrupted(conf, target.getFileSystem(conf), target);
  }

  private org.apache.hadoop.fs.Path hadoopPath(Path local) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(local.toUri());
    return p.getFileSystem(conf).makeQualified(p);
  }
}
