package org.snnspark.pipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Executors get the native threads' waiting policy unless the user chose one. */
class NativeThreadingTest {

  @Test
  void executorsSleepingNativeThreadsUnlessTheUserSaysOtherwise() {
    SparkConf conf = new SparkConf(false).set("spark.executorEnv.OMP_WAIT_POLICY", "ACTIVE");
    NativeThreading.applyTo(conf);
    assertEquals("4", conf.get("spark.executorEnv.OPENBLAS_THREAD_TIMEOUT"));
    assertEquals("ACTIVE", conf.get("spark.executorEnv.OMP_WAIT_POLICY"), "the user's value is kept");
  }

  @Test
  void theLaunchersExportTheSameDefaults() throws Exception {
    String common = java.nio.file.Files.readString(java.nio.file.Path.of("..", "submit", "common.sh"));
    NativeThreading.DEFAULTS.forEach((name, value) ->
        assertEquals(true, common.contains("export " + name + "=\"${" + name + ":-" + value + "}\""),
            "submit/common.sh exports " + name + " with default " + value));
  }
}
