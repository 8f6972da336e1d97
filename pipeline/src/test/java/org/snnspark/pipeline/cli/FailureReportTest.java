package org.snnspark.pipeline.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.hdf5.Float16;
import org.snnspark.preprocess.hdf5.ShdH5Writer;

/** A failed job is reported as one line per cause: the sample's problem, no stack trace. */
class FailureReportTest {
  @Test
  void aBadSampleIsOneLineNamingFileSampleAndProblem(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("shd_train.h5");
    try (ShdH5Writer w = new ShdH5Writer(file, 3)) {
      short t = Float16.fromFloat(0.5f);
      w.writeSpikes(0, new short[][] {{t}, {t, Float16.fromFloat(-0.25f)}, {t}}, new int[][] {{1}, {2, 3}, {4}});
      w.writeLabels(new int[] {0, 1, 0});
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = SnnSpark.execute("preprocess", "spikes", "--master", "local[1]", "--input", "train=" + file,
          "--output", tmp.resolve("out").toString());
    } finally {
      System.setErr(err);
    }
    assertEquals(1, code);
    String report = bytes.toString(StandardCharsets.UTF_8);
    String expected = "error: SpikeDataException: " + file + ", sample 1: negative time -0.25 s at spike 1";
    assertTrue(report.contains(expected + "\n"), report);
    String after = report.substring(report.indexOf(expected));
    assertFalse(after.contains("\tat "), "no stack trace after the error line:\n" + after);
    assertTrue(after.lines().skip(1).allMatch(l -> l.startsWith("  caused by: ")), after);
  }

  @Test
  void aMultiLineMessageIsCutToItsFirstLine() {
    assertEquals("SparkException: Job aborted: task failed",
        SnnSpark.describe(new SparkException("Job aborted: task failed\n\tat a.b(C.java:1)\n\nDriver stacktrace:")));
    assertEquals("bad value", SnnSpark.describe(new IllegalArgumentException("bad value")));
  }
}
