package org.snnspark.preprocess.testutil;

import org.apache.spark.sql.SparkSession;

/** One local[2] SparkSession shared by the module's tests (starting one costs seconds). */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("snn-spark-preprocess-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          // a filesystem that is not "file": exercises the copy-to-executor path of remote sources
          .config("spark.hadoop.fs.rlocal.impl", RemoteLikeFileSystem.class.getName())
          .config("spark.hadoop.fs.rlocal.impl.disable.cache", "true")
          .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
    }
    return session;
  }
}
