package org.snnspark.pipeline.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.OptionException;

class StagedOutputTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  @Test
  void outputAppearsOnlyOnCommit() throws IOException {
    Path target = dir.resolve("run");
    try (StagedOutput out = StagedOutput.begin(conf, target.toString(), false)) {
      out.writeString("metrics.json", "{}");
      assertFalse(Files.exists(target), "nothing visible before commit");
      out.commit();
    }
    assertEquals("{}", Files.readString(target.resolve("metrics.json")));
    assertEquals(1, entries(), "no staging directory left behind");
    try (Stream<Path> s = Files.list(target)) {
      assertEquals(java.util.List.of("metrics.json"), s.map(p -> p.getFileName().toString()).toList(),
          "no .metrics.json.crc beside it");
    }
  }

  @Test
  void aFailedJobLeavesNothing() throws IOException {
    Path target = dir.resolve("run");
    assertThrows(IllegalStateException.class, () -> {
      try (StagedOutput out = StagedOutput.begin(conf, target.toString(), false)) {
        out.writeString("model.zip", "half");
        throw new IllegalStateException("job died");
      }
    });
    assertFalse(Files.exists(target));
    assertEquals(0, entries());
  }

  @Test
  void anExistingOutputIsKeptUnlessOverwriteIsAsked() throws IOException {
    Path target = dir.resolve("run");
    Files.createDirectories(target);
    Files.writeString(target.resolve(StagedOutput.RUN_MARKER), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StagedOutput.begin(conf, target.toString(), false));
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());

    try (StagedOutput out = StagedOutput.begin(conf, target.toString(), true)) {
      out.writeString("new", "y");
      out.commit();
    }
    assertFalse(Files.exists(target.resolve(StagedOutput.RUN_MARKER)));
    assertEquals("y", Files.readString(target.resolve("new")));
  }

  @Test
  void overwriteNeverReplacesWhatIsNotARun() throws IOException {
    Path photos = dir.resolve("photos");
    Files.createDirectories(photos);
    Files.writeString(photos.resolve("marker.txt"), "mine");
    OptionException e = assertThrows(OptionException.class,
        () -> StagedOutput.resumable(conf, photos.toString(), true, false));
    assertEquals("output file:" + photos + " holds marker.txt but no run.toml: it is not a training run written"
        + " by snn-spark, and overwrite replaces only those (a directory with run.toml); remove it yourself or"
        + " choose another output", e.getMessage());
    assertEquals("mine", Files.readString(photos.resolve("marker.txt")));
    assertEquals(1, entries(), "no staging directory made for a refused run");

    Path run = dir.resolve("run");
    try (StagedOutput out = StagedOutput.begin(conf, run.toString(), true)) {
      out.writeString("new", "y");
      Files.createDirectories(run);
      Files.writeString(run.resolve("theirs"), "x");
      assertThrows(OptionException.class, out::commit, "checked again when committing");
    }
    assertEquals("x", Files.readString(run.resolve("theirs")));
  }

  @Test
  void anOutputThatAppearedMeanwhileIsNeitherReplacedNorEntered() throws IOException {
    Path target = dir.resolve("run");
    try (StagedOutput out = StagedOutput.begin(conf, target.toString(), false)) {
      out.writeString("new", "y");
      Files.createDirectories(target);
      Files.writeString(target.resolve("theirs"), "x");
      IllegalStateException e = assertThrows(IllegalStateException.class, out::commit);
      assertTrue(e.getMessage().contains("appeared while the job ran"), e.getMessage());
    }
    try (Stream<Path> s = Files.list(target)) {
      assertEquals(java.util.List.of("theirs"), s.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(1, entries(), "the staging directory is cleaned up");
  }

  private long entries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }
}
