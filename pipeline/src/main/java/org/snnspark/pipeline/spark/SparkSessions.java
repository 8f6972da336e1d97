package org.snnspark.pipeline.spark;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession for a job. Under spark-submit the master and settings come from there;
 * run directly (the local launcher, tests, the demo) the given master is used.
 */
public final class SparkSessions {
  /**
   * JVM flags executors need on Java 17: Spark's and ND4J's reflective access, and the Vector API
   * module the spiking layers' SIMD loops use (without it they run scalar loops, same results,
   * slower: VectorSupport). The launchers pass the same to the driver.
   */
  public static final String JAVA17_FLAGS = String.join(" ",
      "--add-modules=jdk.incubator.vector",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED");

  private SparkSessions() {}

  public static SparkSession create(String appName, String master, Map<String, String> extra) {
    SparkConf conf = new SparkConf(true);
    conf.setAppName(appName);
    if (!conf.contains("spark.master")) {
      // not under spark-submit: this JVM is the driver, and executors elsewhere need our jar
      conf.setMaster(master);
      if (!master.startsWith("local")) {
        applicationJar().ifPresent(jar -> conf.setIfMissing("spark.jars", jar));
      }
    }
    // Spark's stage progress bar, only for a person watching a terminal (not in CI logs)
    conf.setIfMissing("spark.ui.showConsoleProgress", String.valueOf(System.console() != null));
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.sql.parquet.compression.codec", "snappy");
    // A training round's results are the workers' states (12 bytes a parameter, megabytes): above
    // this size (Spark's default 1 MiB) each is stored in the executor's block manager and fetched
    // by the driver in a second exchange; below it, it comes back with the task's status update.
    // Spark caps it at spark.rpc.message.maxSize.
    conf.setIfMissing("spark.task.maxDirectResultSize", "128m");
    conf.setIfMissing("spark.executor.extraJavaOptions", JAVA17_FLAGS);
    conf.setIfMissing("spark.driver.extraJavaOptions", JAVA17_FLAGS);
    NativeThreading.applyTo(conf);
    extra.forEach(conf::set);
    localDir(conf.get("spark.master", master), conf).ifPresent(dir -> conf.set("spark.local.dir", dir));
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /**
   * Spark's scratch directory for a local-mode job ({@link LocalScratch}), unless the user chose one;
   * cluster executors use what their manager gives them.
   */
  static Optional<String> localDir(String master, SparkConf conf) {
    if (!master.startsWith("local") || conf.contains("spark.local.dir") || System.getenv("SPARK_LOCAL_DIRS") != null) {
      return Optional.empty();
    }
    return Optional.of(LocalScratch.prepare(Path.of(System.getProperty("java.io.tmpdir"))).toString());
  }

  /**
   * A session for one command: an already running one (a test, an embedding application) is used
   * and left running; one created here is stopped on close.
   */
  public static Owned open(String appName, String master, Map<String, String> extra) {
    boolean existed = SparkSession.getDefaultSession().isDefined()
        && !SparkSession.getDefaultSession().get().sparkContext().isStopped();
    return new Owned(create(appName, master, extra), !existed);
  }

  /** A session and whether closing it should stop it. */
  public record Owned(SparkSession session, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        session.stop();
      }
    }
  }

  /** The jar this class was loaded from, when it was loaded from a jar (the application jar). */
  static java.util.Optional<String> applicationJar() {
    try {
      java.net.URL location = SparkSessions.class.getProtectionDomain().getCodeSource().getLocation();
      String path = java.nio.file.Path.of(location.toURI()).toString();
      return path.endsWith(".jar") ? java.util.Optional.of(path) : java.util.Optional.empty();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
