package org.snnspark.pipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.snnspark.pipeline.cluster.TrainingRounds.Round;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;

/**
 * The jobs, unchanged, on a real Spark standalone cluster: a Master and two Workers (1 core, 2 GB
 * each), each its own JVM on 127.0.0.1, whose SPARK_HOME/jars holds Spark's runtime jars only (what
 * a Spark distribution ships, nothing of the application). The project's own launchers
 * ({@code submit/preprocess}, {@code submit/train}) run with {@code SPARK_HOME} set, so they go
 * through {@code $SPARK_HOME/bin/spark-submit} with the shaded application jar: driver in client
 * mode, executors forked by the Workers, every application class from the shaded jar. Hence an
 * integration test, run by failsafe after {@code package} ({@code mvn verify}).
 *
 * <p>What each job does is observed without touching it: {@link TaskEventRecorder}, a SparkListener
 * enabled through the cluster's {@code spark-defaults.conf}, writes down every scheduler event of
 * the driver; the Workers' {@code /json/} and work directories show which executors ran.
 *
 * <p>The dataset is made once per class: synthetic SHD-layout HDF5 (4 classes, 96 channels, 320
 * train / 120 test samples), preprocessed by {@code submit/preprocess spikes} on the cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTrainingIT {
  private static final int WORKERS = 2;
  private static final int CLASSES = 4;
  private static final int CHANNELS = 96;
  private static final int EPOCHS = 4;
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);

  private static Path base;
  private static Path events;
  private static String dataset;

  @RegisterExtension
  static final StandaloneCluster.Extension CLUSTER = new StandaloneCluster.Extension(
      "StandaloneClusterTrainingIT", dir -> {
        base = dir;
        events = dir.resolve("events");
        return StandaloneCluster.builder(dir).workers(WORKERS).coresPerWorker(1).workerMemory("2g")
            .sparkJars(SparkHome.runtimeJars())
            .sparkDefault("spark.extraListeners", TaskEventRecorder.class.getName())
            .sparkDefault("spark.driver.extraClassPath", TaskEventRecorder.classesOnly(dir).toString())
            .sparkDefault(TaskEventRecorder.DIR_KEY, events.toString())
            // every worker announces one (fake) GPU; only applications that ask for GPUs use it
            .sparkDefault("spark.worker.resource.gpu.amount", "1")
            .sparkDefault("spark.worker.resource.gpu.discoveryScript", fakeGpuScript(dir).toString());
      });

  /** A discovery script as submit/gpu-discovery.sh prints it on a machine with one GPU. */
  private static Path fakeGpuScript(Path dir) {
    try {
      Path script = Files.createDirectories(dir.resolve("gpu")).resolve("one-gpu.sh");
      Files.writeString(script, "#!/bin/sh\necho '{\"name\": \"gpu\", \"addresses\": [\"0\"]}'\n");
      script.toFile().setExecutable(true);
      return script;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void generateAndPreprocessOnTheCluster() throws Exception {
    Path raw = base.resolve("raw");
    new SyntheticShdGenerator(new SyntheticShdConfig().withSamples(320, 120).withClasses(CLASSES)
        .withChannels(CHANNELS).withSeed(7)).generate(raw);
    dataset = base.resolve("dataset").toString();
    SubmitJob job = submit("preprocess", List.of("spikes", "--master", cluster().masterUrl(),
        "--input", "train=" + raw.resolve("shd_train.h5"), "--input", "test=" + raw.resolve("shd_test.h5"),
        "--output", dataset, "--n-steps", "50", "--channels", String.valueOf(CHANNELS),
        "--valid-fraction", "0.2"));
    job.awaitSuccess(JOB_TIMEOUT);
    assertTrue(Files.isRegularFile(Path.of(dataset, "manifest.json")), "no manifest.json in " + dataset);
  }

  private static StandaloneCluster cluster() {
    return CLUSTER.cluster();
  }

  /**
   * Both training runs use these, spike dropout included: its masks are drawn from a stream of
   * (seed, layer, iteration, epoch, worker), not from an executor thread's generator, so a run is
   * bit-reproducible on any executor, which lets the failure test compare its model with the
   * uninterrupted one.
   */
  private static List<String> trainArgs(String output) {
    return List.of("--master", cluster().masterUrl(), "--dataset", dataset,
        "--output", base.resolve(output).toString(), "--neuron", "RADLIF", "--hidden", "48",
        "--epochs", String.valueOf(EPOCHS), "--batch-size", "16",
        "--workers", String.valueOf(WORKERS), "--averaging-frequency", "4", "--seed", "3");
  }

  /**
   * {@code submit/train} against the cluster trains on both executors (one per Worker), averages
   * both executors' results every round, and writes a model that beats chance on the test split.
   */
  @Test
  @Order(1)
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void trainsOnBothWorkersAndSavesTheModel() throws Exception {
    SubmitJob job = submit("train", trainArgs("run"));
    job.awaitSuccess(JOB_TIMEOUT);
    assertTrue(job.output().contains("test accuracy"), "no summary in the driver output");
    assertRunComplete(base.resolve("run"));

    String app = appIdOf(job);
    Map<String, Round> rounds = TrainingRounds.of(TaskEventRecorder.read(events.resolve(app + ".events")));
    System.out.println("training rounds of " + app + ":\n" + TrainingRounds.describe(rounds));
    // 256 training samples / (2 workers x 16 per batch x 4 batches per round) = 2 rounds an epoch
    Set<String> trainingExecutors = TrainingRounds.assertAllAveraged(rounds, 2 * EPOCHS, WORKERS);
    assertEquals(WORKERS, trainingExecutors.size(), "training ran on executors " + trainingExecutors);

    // each Worker forked an executor for the application, and its log shows tasks it finished
    List<Path> execDirs = cluster().executorWorkDirs(app);
    assertEquals(WORKERS, execDirs.stream().map(d -> d.getParent().getParent()).distinct().count(),
        "executor work dirs " + execDirs);
    for (Path d : execDirs) {
      String log = Files.readString(d.resolve("stderr"), StandardCharsets.UTF_8);
      assertTrue(log.contains("Finished task"), "no finished task in " + d.resolve("stderr"));
    }
    // the daemons move an application's executors to their finished lists after the driver has
    // gone, asynchronously: seen to lag the driver's exit on a loaded machine
    for (int w = 1; w <= WORKERS; w++) {
      int worker = w;
      StandaloneCluster.waitFor(Duration.ofSeconds(30), "worker " + w + " /json/ to list a finished executor of " + app,
          () -> finishedExecutorApps(worker).contains(app));
    }
    StandaloneCluster.waitFor(Duration.ofSeconds(30), "the master's /json/ to list " + app + " as FINISHED",
        () -> completedApps().contains(app + " FINISHED"));
  }

  private List<String> finishedExecutorApps(int worker) {
    List<String> apps = new ArrayList<>();
    cluster().workerState(worker).path("finishedexecutors").forEach(e -> apps.add(e.path("appid").asText()));
    return apps;
  }

  private List<String> completedApps() {
    List<String> finished = new ArrayList<>();
    cluster().masterState().path("completedapps").forEach(a -> finished.add(a.path("id").asText()
        + " " + a.path("state").asText()));
    return finished;
  }

  /**
   * An executor JVM SIGKILLed in the middle of a parameter averaging round does not fail the run,
   * and does not change its result: the model is bit-identical to the uninterrupted run's.
   *
   * <p>What happens to the averaged parameters. Each round, {@code RoundTrainingMaster} broadcasts
   * the current parameters and updater state as one flat buffer, runs one task per worker (each
   * loads the broadcast into the network its executor kept, or builds one, and fits its
   * minibatches), collects the workers' states and sums them in worker order. When an executor
   * dies, Spark reports its running task lost ({@code ExecutorLostFailure}) and runs it again on a
   * live executor within the same job: the retry starts from the same broadcast (fetched again from
   * the driver) in a network it builds, since the live executor keeps none for that worker; its
   * partition is rebuilt from lineage (the cached samples and shuffle output that lived on the dead
   * executor are recomputed from the Parquet files), and the killed attempt's half-done updates
   * vanish with its JVM: they never reach the driver. Spark hands a job exactly one result per
   * partition, so the round still averages all workers' results, not just the survivors'. The
   * Master meanwhile has the Worker start a replacement executor.
   *
   * <p>Checked here: the task running on the killed executor ends as ExecutorLostFailure, its
   * partition then succeeds in the same job, every round averages {@value #WORKERS} results, a
   * replacement executor is launched, and the saved parameters and updater state are byte for byte
   * those of {@link #trainsOnBothWorkersAndSavesTheModel}'s run (same settings, no failure) — which
   * they could not be had the round averaged only the surviving worker's result, or had the retry
   * started from anything but the round's broadcast parameters.
   */
  @Test
  @Order(2)
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void survivesAnExecutorKilledDuringARound() throws Exception {
    SubmitJob job = submit("train", trainArgs("run-kill"));
    String app = awaitAppId(job);
    Path file = events.resolve(app + ".events");

    Kill kill = null;
    for (int round = 3; round < 2 * EPOCHS && kill == null; round += 2) {
      kill = killDuringATrainingTask(job, file, app, round);
    }
    job.awaitSuccess(JOB_TIMEOUT);
    assertNotNull(kill, "no training task was running when its executor was killed");
    Kill k = kill;

    List<Map<String, String>> ev = TaskEventRecorder.read(file);
    Map<String, Round> rounds = TrainingRounds.of(ev);
    System.out.println("killed executor " + k.executor + " (pid " + k.pid + ") during task " + k.tid
        + " of job " + k.job + "; training rounds of " + app + ":\n" + TrainingRounds.describe(rounds));
    Round hit = rounds.get(k.job);
    assertTrue(hit.failures.stream().anyMatch(f -> f.contains("ExecutorLostFailure")),
        "the round that lost a task: " + hit);
    assertTrue(hit.attempts > WORKERS, "the lost task was not run again: " + hit);
    TrainingRounds.assertAllAveraged(rounds, 2 * EPOCHS, WORKERS);
    assertTrue(ev.stream().anyMatch(e -> "executorRemoved".equals(e.get("event"))
        && k.executor.equals(e.get("executor"))), "the driver never removed executor " + k.executor);
    List<Path> launched = cluster().executorWorkDirs(app);
    assertTrue(launched.size() > WORKERS, "no replacement executor was launched: " + launched);

    Path run = base.resolve("run-kill");
    assertRunComplete(run);
    Path reference = base.resolve("run").resolve("model.zip");
    if (Files.exists(reference)) {
      for (String entry : List.of("coefficients.bin", "updaterState.bin")) {
        assertArrayEquals(zipEntry(reference, entry), zipEntry(run.resolve("model.zip"), entry),
            entry + " differs from the uninterrupted run's");
      }
      System.out.println("model.zip parameters and updater state identical to the uninterrupted run's");
    } else {
      System.out.println("no uninterrupted run to compare with (run the whole class)");
    }
  }

  /**
   * {@code submit/sweep} on the cluster, two trials at a time: each trial's rounds are one-task
   * jobs, which Spark places on whichever executor is free, so the trials spread over both. One
   * executor is SIGKILLed during a trial's training task: Spark runs the task again on a live
   * executor from the same round's broadcast state (the trial loses less than its last checkpoint
   * would), and the sweep ends with every trial finished.
   */
  @Test
  @Order(4)
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void aSweepSpreadsItsTrialsOverBothExecutorsAndOutlivesOneKilled() throws Exception {
    Path spec = base.resolve("sweep.toml");
    Files.writeString(spec, """
        neuron = "ADLIF"
        hidden = [32]
        epochs = 2
        batch-size = 16
        train-eval-samples = 0
        seeds = [1, 2]
        [grid]
        lr = [0.01, 0.02]
        """);
    Path out = base.resolve("sweep");
    SubmitJob job = submit("sweep", List.of("--master", cluster().masterUrl(), "--spec", spec.toString(),
        "--dataset", dataset, "--output", out.toString(), "--parallel", String.valueOf(WORKERS)));
    String app = awaitAppId(job);
    Path file = events.resolve(app + ".events");
    Kill kill = null;
    for (int round = 3; round < 40 && kill == null; round += 2) {
      // every trial first reads and caches the dataset: on a loaded machine minutes before round 3
      kill = killDuringATrainingTask(job, file, app, round, Duration.ofSeconds(300));
    }
    job.awaitSuccess(Duration.ofSeconds(540));
    assertNotNull(kill, "no training task was running when its executor was killed");
    System.out.printf("sweep of 4 trials with an executor killed: %.1f s%n", (System.currentTimeMillis() - job.started) / 1000.0);

    Map<String, Round> rounds = TrainingRounds.of(TaskEventRecorder.read(file));
    System.out.println("killed executor " + kill.executor() + " during task " + kill.tid() + " of job "
        + kill.job() + "; training rounds of " + app + ":\n" + TrainingRounds.describe(rounds));
    Round hit = rounds.get(kill.job());
    assertTrue(hit.failures.stream().anyMatch(f -> f.contains("ExecutorLostFailure")), "the round that lost a task: " + hit);
    assertEquals("JobSucceeded$", hit.result, "the round that lost a task: " + hit);
    Map<String, Set<String>> executorsByTrial = new TreeMap<>();
    for (Round r : rounds.values()) {
      assertEquals("JobSucceeded$", r.result, "round " + r);
      executorsByTrial.computeIfAbsent(r.group, g -> new TreeSet<>()).addAll(r.successExecutors);
    }
    System.out.println("executors by trial: " + executorsByTrial);
    assertEquals(Set.of("sweep-trial-000", "sweep-trial-001", "sweep-trial-002", "sweep-trial-003"),
        executorsByTrial.keySet());
    String killedRound = kill.job();
    Set<String> spread = rounds.values().stream().filter(r -> !r.job.equals(killedRound))
        .flatMap(r -> r.successExecutors.stream()).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(spread.size() >= WORKERS, "the rounds that lost no task ran on executors " + spread
        + " only; by trial: " + executorsByTrial);
    for (String id : List.of("000", "001", "002", "003")) {
      assertTrue(Files.isRegularFile(out.resolve("trials/" + id + "/model.zip")), "trial " + id + " has no model");
      assertTrue(Files.isRegularFile(out.resolve("journal/" + id + ".rung-0.json")), "trial " + id + " did not finish");
    }
    List<String> board = Files.readAllLines(out.resolve("leaderboard.txt"));
    assertTrue(board.stream().skip(1).allMatch(l -> l.contains(" 2/2 ")), String.join("\n", board));
  }

  /**
   * The harness serves a driver on the test class path too: this JVM, in client mode, with
   * {@link StandaloneCluster#clientConf()}; its tasks run in the executor JVMs the Workers forked.
   */
  @Test
  @Order(3)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void runsADriverOnTheTestClassPathInClientMode() {
    SparkConf conf = new SparkConf(false).setAppName("client-mode").set("spark.ui.enabled", "false");
    cluster().clientConf().forEach(conf::set);
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      StandaloneCluster.waitFor(Duration.ofSeconds(90), WORKERS + " executors to register",
          () -> sc.sc().statusTracker().getExecutorInfos().length == WORKERS + 1); // + the driver
      List<String> ran = sc.parallelize(List.of(0, 1), WORKERS).map(new WhereAmI()).collect();
      List<Long> pids = ran.stream().map(s -> Long.parseLong(s.substring(s.indexOf('@') + 1))).toList();
      Set<Integer> workers = cluster().executors().stream()
          .filter(e -> e.appId().equals(sc.sc().applicationId()) && pids.contains(e.process().pid()))
          .map(StandaloneCluster.Executor::worker).collect(Collectors.toSet());
      assertEquals(Set.of(1, 2), workers, "tasks ran in " + ran + "; executors " + cluster().executors());
    }
  }

  @Test
  void gpuExecutorsHandEachTaskTheGpuItWasAssigned() {
    SparkConf conf = new SparkConf(false).setAppName("gpu-assignment").set("spark.ui.enabled", "false")
        .set("spark.executor.resource.gpu.amount", "1")
        .set("spark.task.resource.gpu.amount", "1");
    cluster().clientConf().forEach(conf::set);
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      StandaloneCluster.waitFor(Duration.ofSeconds(90), WORKERS + " GPU executors to register",
          () -> sc.sc().statusTracker().getExecutorInfos().length == WORKERS + 1);
      List<String> seen = sc.parallelize(List.of(0, 1, 2, 3), 4).map(new WhichGpu()).collect();
      Set<String> executors = new TreeSet<>();
      for (String s : seen) {
        String[] parts = s.split("\\|");
        assertEquals("[0]", parts[1], "each task holds the one GPU of its executor: " + seen);
        assertEquals("-1", parts[2], "the CPU backend binds nothing: " + seen);
        executors.add(parts[0]);
      }
      assertEquals(WORKERS, executors.size(), "tasks ran on both GPU executors: " + seen);
    }
  }

  /** A task's GPU as the trainer's workers see it: executor | assigned addresses | bound device. */
  static final class WhichGpu implements org.apache.spark.api.java.function.Function<Integer, String> {
    @Override
    public String call(Integer partition) throws InterruptedException {
      Thread.sleep(300);
      return SparkEnv.get().executorId() + "|" + org.snnspark.pipeline.spark.GpuAssignment.taskGpus()
          + "|" + org.snnspark.pipeline.spark.GpuAssignment.bindCurrentThread();
    }
  }

  /** A task's answer: which executor, which process. */
  static final class WhereAmI implements org.apache.spark.api.java.function.Function<Integer, String> {
    @Override
    public String call(Integer partition) throws InterruptedException {
      Thread.sleep(500); // one task per executor: each has a single core
      return SparkEnv.get().executorId() + "@" + ProcessHandle.current().pid();
    }
  }

  // ------------------------------------------------------------------------------------------

  static void assertRunComplete(Path run) throws IOException {
    for (String f : new String[] {"model.zip", "metrics.json", "metrics.csv", "run.toml"}) {
      assertTrue(Files.isRegularFile(run.resolve(f)) && Files.size(run.resolve(f)) > 0, f + " missing in " + run);
    }
    JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
    assertEquals(EPOCHS, metrics.path("epochs").size(), "epochs in metrics.json");
    double acc = metrics.path("testAccuracy").asDouble(-1);
    assertTrue(acc > 0.6, "test accuracy " + acc + " (chance: " + 1.0 / CLASSES + ")");
  }

  static byte[] zipEntry(Path zip, String name) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry e = z.getEntry(name);
      assertNotNull(e, name + " not in " + zip);
      return z.getInputStream(e).readAllBytes();
    }
  }

  /** What was killed: the executor, its process, and the training task it was running. */
  record Kill(String executor, long pid, String tid, String job) {}

  /**
   * Waits for the first task of the {@code round}-th training round, lets it train ~120 ms (tasks
   * take 200-500 ms here), and SIGKILLs the executor JVM running it. Returns what was killed if the
   * task was still running then (it ends as ExecutorLostFailure), null if it had finished first.
   */
  static Kill killDuringATrainingTask(SubmitJob job, Path file, String app, int round) throws Exception {
    return killDuringATrainingTask(job, file, app, round, Duration.ofSeconds(120));
  }

  /** {@link #killDuringATrainingTask(SubmitJob, Path, String, int)}, waiting up to {@code wait} for the round. */
  static Kill killDuringATrainingTask(SubmitJob job, Path file, String app, int round, Duration wait) throws Exception {
    AtomicReference<Map<String, String>> start = new AtomicReference<>();
    StandaloneCluster.waitFor(wait, "training round " + round + " of " + app, () -> {
      if (!job.process.isAlive()) {
        return true;
      }
      List<Map<String, String>> ev = TaskEventRecorder.read(file);
      List<String> jobs = ev.stream().filter(e -> "jobStart".equals(e.get("event"))
          && e.get("name").startsWith(TrainingRounds.TRAINING_STAGE)).map(e -> e.get("job")).toList();
      if (jobs.size() >= round) {
        String j = jobs.get(round - 1);
        ev.stream().filter(e -> "taskStart".equals(e.get("event")) && j.equals(e.get("job")))
            .findFirst().ifPresent(start::set);
      }
      return start.get() != null;
    });
    Map<String, String> task = start.get();
    if (task == null) {
      fail("the train job ended before training round " + round + ": " + job.log);
    }
    long delay = 120 - (System.currentTimeMillis() - Long.parseLong(task.get("t")));
    if (delay > 0) {
      Thread.sleep(delay);
    }
    StandaloneCluster.Executor victim = cluster().executors().stream()
        .filter(e -> e.appId().equals(app) && e.executorId().equals(task.get("executor")))
        .findFirst().orElseThrow(() -> new AssertionError("no process for executor "
            + task.get("executor") + " of " + app + " among " + cluster().executors()));
    long at = System.currentTimeMillis();
    victim.process().destroyForcibly(); // SIGKILL
    victim.process().onExit().get(30, TimeUnit.SECONDS);
    String tid = task.get("tid");
    StandaloneCluster.waitFor(Duration.ofSeconds(120), "the end of task " + tid + " of " + app, () ->
        TaskEventRecorder.read(file).stream().anyMatch(e -> "taskEnd".equals(e.get("event"))
            && tid.equals(e.get("tid"))));
    boolean lost = TaskEventRecorder.read(file).stream().anyMatch(e -> "taskEnd".equals(e.get("event"))
        && tid.equals(e.get("tid")) && "ExecutorLostFailure".equals(e.get("reason")));
    System.out.printf("round %d: SIGKILL to executor %s %d ms after task %s started: %s%n", round,
        task.get("executor"), at - Long.parseLong(task.get("t")), tid,
        lost ? "the task was lost" : "the task had already finished");
    return lost ? new Kill(task.get("executor"), victim.process().pid(), tid, task.get("job")) : null;
  }

  // ------------------------------------------------------------------------------------------

  /** A launcher of {@code submit/} running one job against the cluster; its output in logs/. */
  static SubmitJob submit(String launcher, List<String> args) throws IOException {
    return SubmitJob.run(cluster()::launch, cluster().logDir(), launcher, args, Map.of(
        // spark-submit flags: the driver heap (SNN_DRIVER_MEMORY is for local mode only), one
        // BLAS/OpenMP thread per executor (it has one core), and no task before every executor
        // registered (else a slow executor start leaves all workers' tasks to the other one)
        "SNN_SPARK_SUBMIT_ARGS", "--driver-memory 2g --conf spark.executorEnv.OMP_NUM_THREADS=1"
            + " --conf spark.scheduler.minRegisteredResourcesRatio=1.0",
        // Spark's INFO lines in the driver log as well: what one reads when this test fails
        "SNN_SPARK_THIRD_PARTY_LOG", "info"), base.resolve("drivers"));
  }

  /** The id of the application a job's driver registered. */
  static String appIdOf(SubmitJob job) {
    String app = appIdStartedAfter(job.started - 1000, "snn-spark " + job.launcher);
    assertNotNull(app, "no application 'snn-spark " + job.launcher + "' in " + events);
    return app;
  }

  /** The id of the application a job's driver registers, once it has. */
  static String awaitAppId(SubmitJob job) {
    String name = "snn-spark " + job.launcher;
    StandaloneCluster.waitFor(Duration.ofSeconds(90), "the " + job.launcher + " application to register",
        () -> appIdStartedAfter(job.started - 1000, name) != null || !job.process.isAlive());
    String app = appIdStartedAfter(job.started - 1000, name);
    assertNotNull(app, "the " + job.launcher + " job ended before registering: " + job.log);
    return app;
  }

  /** The first application named {@code appName} whose driver started after {@code since}. */
  static String appIdStartedAfter(long since, String appName) {
    if (!Files.isDirectory(events)) {
      return null;
    }
    try (Stream<Path> files = Files.list(events)) {
      for (Path f : files.sorted().toList()) {
        for (Map<String, String> e : TaskEventRecorder.read(f)) {
          if ("appStart".equals(e.get("event")) && appName.equals(e.get("name"))
              && Long.parseLong(e.get("t")) >= since) {
            return e.get("app");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return null;
  }
}
