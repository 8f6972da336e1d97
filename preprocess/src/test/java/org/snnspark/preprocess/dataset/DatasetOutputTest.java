package org.snnspark.preprocess.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.testutil.TestSpark;

class DatasetOutputTest {
  private static final CountDownLatch LATE_TASK_DONE = new CountDownLatch(1);
  private static final CountDownLatch LATE_TASK_STARTED = new CountDownLatch(1);

  @TempDir
  Path dir;

  @Test
  void aFailedBuildWaitsForItsOtherTasksBeforeDeletingTheTemporaryDirectory() throws Exception {
    // Task 0 fails at once; task 1 ignores interrupts, works on for a while, then writes into the
    // temporary directory: deleted right after the job failed, that directory would come back.
    SparkContext sc = TestSpark.get().sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    Path output = dir.resolve("ds");
    DatasetOutput.Target out = DatasetOutput.prepare(sc.hadoopConfiguration(), output.toString(), false);
    Exception e = assertThrows(Exception.class, () -> DatasetOutput.buildAtomically(sc, out, false, "test job",
        tmp -> {
          String target = tmp.toUri().getPath() + "/late-part";
          jsc.parallelize(List.of(0, 1), 2).foreach(i -> {
            if (i == 0) {
              // once task 1 is under way: a job that failed before it started would never run it
              LATE_TASK_STARTED.await(30, TimeUnit.SECONDS);
              throw new IllegalStateException("task 0 fails");
            }
            LATE_TASK_STARTED.countDown();
            long until = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < until) {
              Thread.onSpinWait(); // not interruptible, like a write in progress
            }
            Thread.interrupted(); // Spark interrupts killed tasks; a write already under way goes on
            Files.createDirectories(Path.of(target).getParent());
            Files.writeString(Path.of(target), "written after the job failed");
            LATE_TASK_DONE.countDown();
          });
          return null;
        }, x -> null));
    assertTrue(String.valueOf(e.getMessage()).contains("task 0 fails"), e.getMessage());
    assertTrue(LATE_TASK_DONE.await(30, TimeUnit.SECONDS), "the slow task ended"); // local mode: same JVM
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "no output and no temporary directory");
    }

  }

  @Test
  void aJobGroupRestoresTheCallersGroupAndDescription() {
    SparkContext sc = TestSpark.get().sparkContext();
    sc.setJobGroup("callers-group", "caller's jobs", false);
    try {
      try (JobGroup g = new JobGroup(sc, "inner")) {
        assertEquals(g.id(), sc.getLocalProperty("spark.jobGroup.id"));
        assertEquals("true", sc.getLocalProperty("spark.job.interruptOnCancel"));
      }
      assertEquals("callers-group", sc.getLocalProperty("spark.jobGroup.id"));
      assertEquals("caller's jobs", sc.getLocalProperty("spark.job.description"));
      assertEquals("false", sc.getLocalProperty("spark.job.interruptOnCancel"));
    } finally {
      sc.clearJobGroup();
    }
  }
}
