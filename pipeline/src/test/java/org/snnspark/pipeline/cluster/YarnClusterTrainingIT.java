package org.snnspark.pipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMAppState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.snnspark.pipeline.cluster.TrainingRounds.Round;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.MiniHdfs;

/**
 * The jobs, unchanged, on YARN: {@code submit/preprocess} and {@code submit/train} with
 * {@code SPARK_HOME} and {@code HADOOP_CONF_DIR} set and {@code --master yarn}, so they go through
 * {@code $SPARK_HOME/bin/spark-submit} to a ResourceManager, which starts the application master
 * and two executors as containers of its NodeManagers ({@link YarnCluster}: a MiniYARNCluster and
 * a MiniDFSCluster on loopback). {@code preprocess spikes} runs in client mode (the driver in
 * spark-submit's JVM), {@code train} in cluster mode (the driver in the application master's
 * container), HDF5 input, dataset and run directory on HDFS. The SPARK_HOME's jars/ holds Spark's
 * runtime jars plus spark-yarn, as a Spark distribution built for YARN has; every application
 * class comes from the shaded jar.
 *
 * <p>What the docs tell YARN users to set, set here as they say and checked in the containers'
 * launch scripts: {@code --executor-memory} with {@code spark.executor.memoryOverhead} (the
 * NodeManagers kill a container over its memory), {@code spark.yarn.appMasterEnv.JAVA_HOME} /
 * {@code spark.executorEnv.JAVA_HOME} (the nodes give containers none),
 * {@code spark.executorEnv.OMP_NUM_THREADS=1}, and the JVM flags through
 * {@code spark.driver/executor.extraJavaOptions} (which {@code submit/} passes).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YarnClusterTrainingIT {
  private static final String NAME = "YarnClusterTrainingIT";
  private static final int EXECUTORS = 2;
  private static final int CLASSES = 4;
  private static final int CHANNELS = 96;
  private static final int EPOCHS = 2;
  /** A bound for a failing job, far above a job's time on an idle machine (YARN starts five JVMs for each). */
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(600);
  private static final String JAVA_HOME = System.getProperty("java.home");

  private static Path base;
  private static Path events;
  private static Path sparkHome;
  private static YarnCluster yarn;
  private static ChildProcesses processes;
  private static final String DATASET = "/datasets/synth"; // a plain path: HDFS, by core-site.xml

  @BeforeAll
  static void startYarnAndPreprocessOnIt() throws Exception {
    base = freshDir(Path.of("target", "yarn-cluster", NAME).toAbsolutePath());
    events = base.resolve("events");
    processes = new ChildProcesses(base.resolve("logs"));
    yarn = YarnCluster.start(base, NAME + "-yarn", 2);
    sparkHome = SparkHome.assemble(base.resolve("spark-home"), sparkJarsWithYarn(), Map.of(
        // Spark's jars are on every node already: no upload of them per application
        "spark.yarn.jars", "local:" + base.resolve("spark-home").resolve("jars") + "/*",
        // this machine's host name resolves to 127.0.0.1, so Spark would pick another interface
        "spark.yarn.appMasterEnv.SPARK_LOCAL_IP", "127.0.0.1",
        "spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1",
        "spark.extraListeners", TaskEventRecorder.class.getName(),
        "spark.driver.extraClassPath", TaskEventRecorder.classesOnly(base).toString(),
        TaskEventRecorder.DIR_KEY, events.toString()));

    List<Path> h5 = new SyntheticShdGenerator(new SyntheticShdConfig().withSamples(320, 120)
        .withClasses(CLASSES).withChannels(CHANNELS).withSeed(7)).generate(base.resolve("raw"));
    String raw = yarn.hdfs().put("/raw", h5.toArray(Path[]::new));
    SubmitJob job = submit("preprocess", "client", List.of("spikes", "--master", "yarn",
        "--input", "train=" + raw + "/shd_train.h5", "--input", "test=" + raw + "/shd_test.h5",
        "--output", DATASET, "--n-steps", "50", "--channels", String.valueOf(CHANNELS),
        "--valid-fraction", "0.2"));
    try (ContainerWatch watch = new ContainerWatch(yarn::containerProcesses)) {
      job.awaitSuccess(JOB_TIMEOUT);
      assertOnLoopback(watch);
    }
    String app = assertSucceededOnYarn(job);
    assertExecutorContainers(app);
    assertTrue(yarn.hdfs().fs().exists(new org.apache.hadoop.fs.Path(DATASET + "/manifest.json")),
        "no manifest.json in " + yarn.hdfs().uri() + DATASET);
  }

  @AfterAll
  static void stopEverything() {
    if (processes != null) {
      processes.stopAll(Duration.ofSeconds(10));
    }
    if (yarn != null) {
      yarn.close();
      StandaloneCluster.waitFor(Duration.ofSeconds(15), "every container process to end",
          () -> yarn.containerProcesses().isEmpty());
    }
  }

  /**
   * {@code submit/train --master yarn --deploy-mode cluster}, the docs' YARN example: the driver
   * runs in the application master's container, trains on both executor containers, averages both
   * executors' results every round, and writes a complete run directory on HDFS with a model that
   * beats chance; spark-submit waits for it and reports its success.
   */
  @Test
  @Order(1)
  @Timeout(value = 660, unit = TimeUnit.SECONDS)
  void trainsOnTwoExecutorContainersInClusterMode() throws Exception {
    String run = "/runs/cluster";
    SubmitJob job = submit("train", "cluster", List.of("--master", "yarn", "--dataset", DATASET,
        "--output", run, "--neuron", "RADLIF", "--hidden", "48", "--epochs", String.valueOf(EPOCHS),
        "--batch-size", "16", "--workers", String.valueOf(EXECUTORS), "--averaging-frequency", "4",
        "--seed", "3"));
    try (ContainerWatch watch = new ContainerWatch(yarn::containerProcesses)) {
      job.awaitSuccess(JOB_TIMEOUT);
      assertOnLoopback(watch);
      System.out.println("peak resident memory of the containers' JVMs (MB): " + watch.peakResidentMb());
    }
    String app = assertSucceededOnYarn(job);
    Path driver = driverContainer(app);
    assertTrue(Files.readString(driver.resolve("stdout"), StandardCharsets.UTF_8).contains("test accuracy"),
        "no summary in the driver's output " + driver.resolve("stdout"));
    String launch = Files.readString(driver.resolve("launch_container.sh"), StandardCharsets.UTF_8);
    for (String expected : List.of("export JAVA_HOME=\"" + JAVA_HOME + "\"", "-Xmx1024m",
        "--class 'org.snnspark.pipeline.cli.SnnSpark'", SparkSessions.JAVA17_FLAGS.split(" ")[0])) {
      assertTrue(launch.contains(expected), "'" + expected + "' not in " + driver.resolve("launch_container.sh"));
    }
    assertRunComplete(run);

    Map<String, Round> rounds = TrainingRounds.of(TaskEventRecorder.read(events.resolve(app + ".events")));
    System.out.println("training rounds of " + app + ":\n" + TrainingRounds.describe(rounds));
    // 256 training samples / (2 workers x 16 per batch x 4 batches per round) = 2 rounds an epoch
    Set<String> trainingExecutors = TrainingRounds.assertAllAveraged(rounds, 2 * EPOCHS, EXECUTORS);
    assertEquals(EXECUTORS, trainingExecutors.size(), "training ran on executors " + trainingExecutors);
    assertExecutorContainers(app);
  }

  // ------------------------------------------------------------------------------------------

  /**
   * The executor containers of {@code app}: exactly {@value #EXECUTORS}, each started with what
   * spark-submit was told (JAVA_HOME, OMP_NUM_THREADS, the heap, the Java 17 flags), each of
   * whose logs shows tasks it finished.
   */
  private static void assertExecutorContainers(String app) throws IOException {
    List<Path> executors = new ArrayList<>();
    for (Path dir : yarn.containerLogDirs(app)) {
      String script = Files.readString(dir.resolve("launch_container.sh"), StandardCharsets.UTF_8);
      if (script.contains("YarnCoarseGrainedExecutorBackend")) {
        for (String expected : List.of("export JAVA_HOME=\"" + JAVA_HOME + "\"",
            "export OMP_NUM_THREADS=\"1\"", "-Xmx1024m", SparkSessions.JAVA17_FLAGS.split(" ")[0],
            SparkSessions.JAVA17_FLAGS.split(" ")[1])) {
          assertTrue(script.contains(expected), "'" + expected + "' not in " + dir.resolve("launch_container.sh"));
        }
        executors.add(dir);
      }
    }
    assertEquals(EXECUTORS, executors.size(), "executor containers of " + app + ": " + executors);
    for (Path dir : executors) {
      String log = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
      assertTrue(log.contains("Finished task"), "no finished task in " + dir.resolve("stderr"));
    }
  }

  /** The container of an application's master, where the driver runs in cluster mode. */
  private static Path driverContainer(String app) {
    return yarn.containerLogDirs(app).stream()
        .filter(d -> d.getFileName().toString().endsWith("_01_000001")).findFirst()
        .orElseThrow(() -> new AssertionError("no application master container of " + app));
  }

  /** Every port the containers' JVMs (application master, executors) listened on was on loopback. */
  private static void assertOnLoopback(ContainerWatch watch) {
    Set<String> listening = watch.listening();
    assertTrue(!listening.isEmpty(), "no listening socket of a container seen");
    for (String a : listening) {
      assertTrue(MiniHdfs.isLoopback(a.substring(0, a.indexOf(' '))), "a container listened on " + a);
    }
  }

  /**
   * The application a job submitted (the newest since it started) ran on YARN and succeeded;
   * returns its id (also Spark's application id).
   */
  private static String assertSucceededOnYarn(SubmitJob job) {
    RMApp app = null;
    for (String id : yarn.applicationIds()) {
      RMApp a = yarn.application(id);
      if (a.getSubmitTime() >= job.started) {
        app = a;
      }
    }
    assertTrue(app != null, "no YARN application since " + job.launcher + " started: " + yarn.applicationIds());
    RMApp done = app;
    // the AM unregisters before the driver exits; the RM moves the application to FINISHED after
    StandaloneCluster.waitFor(Duration.ofSeconds(30), done.getApplicationId() + " FINISHED",
        () -> done.getState() == RMAppState.FINISHED || done.getState() == RMAppState.FAILED
            || done.getState() == RMAppState.KILLED);
    assertEquals(RMAppState.FINISHED, app.getState(), app.getApplicationId() + ": " + app.getDiagnostics());
    assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus(),
        app.getApplicationId() + ": " + app.getDiagnostics());
    assertEquals("SPARK", app.getApplicationType());
    return app.getApplicationId().toString();
  }

  private static void assertRunComplete(String run) throws IOException {
    org.apache.hadoop.fs.FileSystem fs = yarn.hdfs().fs();
    for (String f : new String[] {"model.zip", "metrics.json", "metrics.csv", "run.toml"}) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(run, f);
      assertTrue(fs.exists(p) && fs.getFileStatus(p).getLen() > 0, f + " missing in " + run + " on HDFS");
    }
    JsonNode metrics;
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(run, "metrics.json"))) {
      metrics = new ObjectMapper().readTree(in);
    }
    assertEquals(EPOCHS, metrics.path("epochs").size(), "epochs in metrics.json");
    double acc = metrics.path("testAccuracy").asDouble(-1);
    assertTrue(acc > 0.6, "test accuracy " + acc + " (chance: " + 1.0 / CLASSES + ")");
  }

  /**
   * A {@code submit/} launcher against YARN in {@code deployMode}, with the flags docs/clusters.md
   * gives YARN users, scaled down: two 1-core executors of 1 GB heap plus 1 GB off-heap room; the
   * driver's 1 GB heap is its container's in cluster mode.
   */
  private static SubmitJob submit(String launcher, String deployMode, List<String> args) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("HADOOP_CONF_DIR", yarn.hadoopConfDir().toString());
    env.put("JAVA_HOME", JAVA_HOME);
    env.put("SNN_SPARK_SUBMIT_ARGS", String.join(" ",
        "--deploy-mode", deployMode, "--driver-memory 1g",
        "--num-executors", String.valueOf(EXECUTORS), "--executor-cores 1 --executor-memory 1g",
        "--conf spark.executor.memoryOverhead=1g",
        "--conf spark.yarn.appMasterEnv.JAVA_HOME=" + JAVA_HOME,
        "--conf spark.executorEnv.JAVA_HOME=" + JAVA_HOME,
        "--conf spark.executorEnv.OMP_NUM_THREADS=1",
        "--conf spark.scheduler.minRegisteredResourcesRatio=1.0"));
    env.put("SNN_SPARK_THIRD_PARTY_LOG", "info");
    return SubmitJob.run(processes::start, processes.logDir(), launcher, args, env, base.resolve("drivers"));
  }

  /** Spark's runtime jars (what a distribution's jars/ holds) plus spark-yarn, as a YARN build has. */
  private static List<Path> sparkJarsWithYarn() throws IOException {
    Path dir = Path.of(System.getProperty("snnspark.sparkYarnDir", "target/spark-yarn"));
    List<Path> jars = new ArrayList<>(SparkHome.runtimeJars());
    try (var s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().startsWith("spark-yarn_")).forEach(jars::add);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException("no spark-yarn jar in " + dir + ": run it with 'mvn verify'");
    }
    return jars;
  }

  private static Path freshDir(Path dir) throws IOException {
    StandaloneCluster.deleteTree(dir);
    return Files.createDirectories(dir);
  }
}
