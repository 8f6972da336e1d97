package org.snnspark.pipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.JobOwner;

/** Spark's scratch files of local-mode jobs live in one place, and what killed JVMs left there goes. */
class LocalScratchTest {
  @TempDir Path tmp;

  @Test
  void aKilledJobsScratchIsRemovedAndALiveOnesKept() throws Exception {
    Path root = tmp.resolve("snn-spark-" + System.getProperty("user.name"));
    Path killed = root.resolve(LocalScratch.PREFIX + deadOwner().tag() + "-0a1b2c3d");
    Files.createDirectories(killed.resolve("blockmgr-7e0c/0c"));
    Files.write(killed.resolve("blockmgr-7e0c/0c/shuffle_0_0_0.data"), new byte[4096]);
    Path running = Files.createDirectories(root.resolve(LocalScratch.PREFIX + JobOwner.current().tag() + "-4e5f6a7b"));

    Path mine = LocalScratch.prepare(tmp);

    assertFalse(Files.exists(killed), "a dead JVM's blockmgr-* and spark-* go");
    assertTrue(Files.exists(running), "a live JVM's stay");
    assertTrue(Files.isDirectory(mine));
    assertEquals(root, mine.getParent());
    assertTrue(mine.getFileName().toString().startsWith(LocalScratch.PREFIX + JobOwner.current().tag() + "-"));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(1, left.count(), "nothing loose in the temporary root");
    }
  }

  @Test
  void aLocalSessionKeepsItsScratchThere() {
    assertTrue(SparkSessions.localDir("local[2]", new org.apache.spark.SparkConf(false)).isPresent());
    assertFalse(SparkSessions.localDir("spark://h:7077", new org.apache.spark.SparkConf(false)).isPresent(),
        "a cluster's executors use the directories their manager gives them");
    assertFalse(SparkSessions.localDir("local[2]", new org.apache.spark.SparkConf(false).set("spark.local.dir", "/d"))
        .isPresent(), "nor replaced when set");
  }

  private static JobOwner deadOwner() throws Exception {
    Process p = new ProcessBuilder("sleep", "30").start();
    long start = p.toHandle().info().startInstant().map(Instant::toEpochMilli).orElseThrow();
    p.destroyForcibly();
    p.waitFor();
    return new JobOwner(JobOwner.current().host(), p.pid(), start);
  }
}
