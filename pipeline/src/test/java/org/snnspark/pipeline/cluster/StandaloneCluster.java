package org.snnspark.pipeline.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.snnspark.pipeline.spark.SparkSessions;

/**
 * A real Spark standalone cluster on loopback for tests: one Master and N Workers, each a separate
 * JVM started as Spark's scripts start them ({@code java -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*"
 * org.apache.spark.deploy.master.Master --host 127.0.0.1 --port P --webui-port W}, the Worker
 * likewise with {@code --cores}, {@code --memory}, {@code --work-dir}), executors forked by the
 * Workers. Ports are picked free on 127.0.0.1 and taken as given ({@code spark.port.maxRetries=0});
 * should another process grab one first, the cluster starts again on other ports. {@link Builder#start()}
 * returns once every Worker is ALIVE in the Master's {@code /json/}.
 *
 * <p>What it assembles, under {@code baseDir}:
 * <ul>
 *   <li>{@code spark-home/}: a {@link SparkHome} whose {@code jars/} links the jar files it is
 *       given (by default the test classpath's; an integration test passes Spark's own runtime
 *       jars, as a Spark distribution has);
 *   <li>{@code logs/}: the Master's and each Worker's output, each driver started through
 *       {@link #launch}, and (copied when the cluster closes) every executor's stdout/stderr;
 *   <li>{@code worker-<i>/}: each Worker's work and local directories (deleted on close: every
 *       executor gets its own copy of the application jar there).
 * </ul>
 * Every process gets {@code SPARK_HOME}, {@code SPARK_SCALA_VERSION=2.12} (else executors fail:
 * "Cannot find any build directories"), {@code SPARK_LOCAL_IP=127.0.0.1} and its own
 * {@code SPARK_LOCAL_DIRS}; other inherited {@code SPARK_*}/{@code HADOOP_*} variables are dropped.
 *
 * <p>{@link #close()} stops every process it started (SIGTERM, then SIGKILL after a grace period),
 * including executors and anything else below them; a JVM shutdown hook does the same if the test
 * JVM exits first. Only a SIGKILL of the test JVM itself can leave processes behind.
 */
public final class StandaloneCluster implements AutoCloseable {
  /** Grace period between SIGTERM and SIGKILL when stopping a process. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Builder cfg;
  private final Path baseDir;
  private final Path sparkHome;
  private final Path logDir;
  private final String id;
  private final ChildProcesses processes;
  private final Thread shutdownHook;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private int masterPort;
  private int masterWebUiPort;
  private final List<Integer> workerWebUiPorts = new ArrayList<>();
  private boolean closed;

  private StandaloneCluster(Builder cfg) {
    this.cfg = cfg;
    this.baseDir = cfg.baseDir.toAbsolutePath();
    this.sparkHome = baseDir.resolve("spark-home");
    this.logDir = baseDir.resolve("logs");
    this.processes = new ChildProcesses(logDir);
    this.id = "snnspark-cluster-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    this.shutdownHook = new Thread(this::stopAll, "standalone-cluster-shutdown");
  }

  public static Builder builder(Path baseDir) {
    return new Builder(baseDir);
  }

  // ------------------------------------------------------------------------------------------
  // starting

  private StandaloneCluster start() throws IOException {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      SparkHome.assemble(sparkHome, cfg.sparkJars, cfg.sparkDefaults);
      Files.createDirectories(logDir);
      for (int attempt = 1; ; attempt++) {
        try {
          launchDaemons();
          awaitWorkersRegistered();
          return this;
        } catch (PortTaken e) {
          if (attempt == 3) {
            throw e;
          }
          // a port picked as free was taken before the daemon bound it: again, with other ports
          System.err.println("StandaloneCluster: " + e.getMessage() + "; starting again");
          stopAll();
          workerWebUiPorts.clear();
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      printLogs(System.err);
      close();
      throw e;
    }
  }

  /** A daemon could not bind its port (Spark tries no other: spark.port.maxRetries=0). */
  private static final class PortTaken extends IllegalStateException {
    PortTaken(String message) {
      super(message);
    }
  }

  private void launchDaemons() throws IOException {
    masterPort = freePort();
    masterWebUiPort = freePort();
    launchDaemon("master", "org.apache.spark.deploy.master.Master", List.of(
        "--host", "127.0.0.1", "--port", String.valueOf(masterPort),
        "--webui-port", String.valueOf(masterWebUiPort)), baseDir.resolve("master"));
    for (int i = 1; i <= cfg.workers; i++) {
      int webUi = freePort();
      workerWebUiPorts.add(webUi);
      Path dir = workerDir(i);
      launchDaemon("worker-" + i, "org.apache.spark.deploy.worker.Worker", List.of(
          masterUrl(), "--host", "127.0.0.1", "--port", String.valueOf(freePort()),
          "--webui-port", String.valueOf(webUi), "--cores", String.valueOf(cfg.coresPerWorker),
          "--memory", cfg.workerMemory, "--work-dir", dir.resolve("work").toString()), dir);
    }
  }

  private void launchDaemon(String name, String mainClass, List<String> args, Path dir)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.add("-Xmx512m");
    cmd.add("-D" + id); // a marker on the command line: whose process this is
    cmd.add("-Dlog4j2.configurationFile=file:" + sparkHome.resolve("conf/log4j2.properties"));
    cmd.add("-Dspark.port.maxRetries=0"); // the port given or none: masterUrl() and the UIs stay right
    cmd.add("-XX:TieredStopAtLevel=1"); // daemons: quick start, little JIT work
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(List.of(SparkSessions.JAVA17_FLAGS.split(" ")));
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + "/*");
    cmd.add(mainClass);
    cmd.addAll(args);
    launch(name, cmd, Map.of(), dir);
  }

  /**
   * Starts a process that belongs to this cluster (a driver, a launcher script): the cluster's
   * environment plus {@code extraEnv}, output (stdout and stderr) to {@code logs/<name>.log},
   * working directory {@code dir}, and stopped by {@link #close()} with everything below it.
   */
  public Process launch(String name, List<String> command, Map<String, String> extraEnv, Path dir)
      throws IOException {
    if (closed) {
      throw new IllegalStateException("cluster is closed");
    }
    Map<String, String> env = new LinkedHashMap<>(environment());
    env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString());
    env.putAll(extraEnv);
    return processes.start(name, command, env, dir);
  }

  private void awaitWorkersRegistered() {
    String expectation = cfg.workers + " workers ALIVE at the master " + masterUrl();
    waitFor(cfg.startTimeout, expectation, () -> {
      for (ChildProcesses.Child m : processes.list()) {
        if (!m.process().isAlive()) {
          String what = m.name() + " exited with code " + m.process().exitValue()
              + " while waiting for " + expectation + "; see " + m.log();
          throw portTaken(m.log()) ? new PortTaken(what) : new IllegalStateException(what);
        }
      }
      try {
        return masterState().path("aliveworkers").asInt(-1) == cfg.workers;
      } catch (UncheckedIOException e) {
        return false; // the web UI is not up yet
      }
    });
  }

  private static boolean portTaken(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.contains("java.net.BindException") || text.contains("Address already in use");
    } catch (IOException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------------------------------
  // what tests use

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  public Path sparkHome() {
    return sparkHome;
  }

  public Path logDir() {
    return logDir;
  }

  public int workers() {
    return cfg.workers;
  }

  public Path workerDir(int worker) {
    return baseDir.resolve("worker-" + worker);
  }

  /** The environment every process of the cluster gets (a driver started elsewhere needs it too). */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return env;
  }

  /**
   * Spark settings for a driver that runs on the test classpath (this JVM, or a child started with
   * it) in client mode: executors get that classpath and the Java 17 flags.
   */
  public Map<String, String> clientConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.master", masterUrl());
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
    conf.put("spark.executor.extraJavaOptions", SparkSessions.JAVA17_FLAGS);
    conf.put("spark.executorEnv.SPARK_SCALA_VERSION", "2.12");
    conf.put("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1");
    return conf;
  }

  /** The master's state, {@code http://127.0.0.1:<webui>/json/} (workers, active/completed apps). */
  public JsonNode masterState() {
    return getJson(masterWebUiPort);
  }

  /** A worker's state (1-based), {@code /json/} of its web UI: its running and finished executors. */
  public JsonNode workerState(int worker) {
    return getJson(workerWebUiPorts.get(worker - 1));
  }

  private JsonNode getJson(int port) {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    try {
      HttpResponse<String> rsp = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (rsp.statusCode() != 200) {
        throw new UncheckedIOException(new IOException("HTTP " + rsp.statusCode() + " from " + req.uri()));
      }
      return JSON.readTree(rsp.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A running executor JVM: which worker forked it, its application and executor id. */
  public record Executor(int worker, String appId, String executorId, ProcessHandle process) {}

  /** Executor JVMs now running: the CoarseGrainedExecutorBackend children of the Workers. */
  public List<Executor> executors() {
    List<Executor> out = new ArrayList<>();
    for (int i = 1; i <= cfg.workers; i++) {
      ChildProcesses.Child worker = processes.list().get(i); // 0 is the master, then the workers in order
      int w = i;
      worker.process().children().forEach(child -> {
        List<String> args = commandLine(child);
        if (args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend")) {
          out.add(new Executor(w, argAfter(args, "--app-id"), argAfter(args, "--executor-id"), child));
        }
      });
    }
    return out;
  }

  private static String argAfter(List<String> args, String flag) {
    int i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "?";
  }

  /** The work directories of an application's executors, {@code <work>/<appId>/<executorId>/}. */
  public List<Path> executorWorkDirs(String appId) {
    List<Path> out = new ArrayList<>();
    for (int i = 1; i <= cfg.workers; i++) {
      Path app = workerDir(i).resolve("work").resolve(appId);
      if (Files.isDirectory(app)) {
        try (Stream<Path> s = Files.list(app)) {
          s.filter(Files::isDirectory).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  /**
   * Polls {@code condition} every 100 ms until it holds, or fails after {@code timeout} with a
   * message that says what was awaited.
   */
  public static void waitFor(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Prints the last lines of every log (daemons, drivers, executors) to {@code out}. */
  public void printLogs(PrintStream out) {
    List<Path> logs = new ArrayList<>();
    processes.list().forEach(m -> logs.add(m.log()));
    for (int i = 1; i <= cfg.workers; i++) {
      Path work = workerDir(i).resolve("work");
      if (Files.isDirectory(work)) {
        try (Stream<Path> s = Files.walk(work)) {
          s.filter(p -> p.getFileName().toString().matches("stdout|stderr")).sorted().forEach(logs::add);
        } catch (IOException e) {
          out.println("(cannot list " + work + ": " + e + ")");
        }
      }
    }
    for (Path log : logs) {
      out.println("===== " + log + " (last 150 lines) =====");
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.subList(Math.max(0, lines.size() - 150), lines.size()).forEach(out::println);
      } catch (IOException | UncheckedIOException e) {
        out.println("(unreadable: " + e + ")");
      }
    }
    out.flush();
  }

  // ------------------------------------------------------------------------------------------
  // stopping

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) stopAll anyway
    }
    keepExecutorLogs();
    for (int i = 1; i <= cfg.workers; i++) {
      deleteTree(workerDir(i));
    }
    deleteTree(baseDir.resolve("master"));
    deleteTree(sparkHome);
  }

  /**
   * Stops drivers first (newest first), then workers, then the master: SIGTERM to each process and
   * its descendants, SIGKILL to whatever still runs after the grace period.
   */
  private void stopAll() {
    processes.stopAll(STOP_GRACE);
  }

  /**
   * Live processes that belong to this cluster, found by what their command lines name (the
   * marker, this cluster's directory): after {@link #close()} there should be none.
   */
  public List<ProcessHandle> survivors() {
    String dir = baseDir.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid() && p.isAlive())
        .filter(p -> {
          String c = String.join(" ", commandLine(p));
          return c.contains(id) || c.contains(dir);
        })
        .toList();
  }

  /**
   * A process's command line, program first. From {@code /proc/<pid>/cmdline} where there is one:
   * {@code ProcessHandle.Info} gives no arguments for long command lines (an executor's with the
   * test class path as extra class path).
   */
  static List<String> commandLine(ProcessHandle p) {
    Path proc = Path.of("/proc", String.valueOf(p.pid()), "cmdline");
    try {
      String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
      if (!raw.isEmpty()) {
        return List.of(raw.split("\0"));
      }
    } catch (IOException | UncheckedIOException | SecurityException e) {
      // not Linux, or the process is gone: fall back to what the JDK knows
    }
    List<String> cmd = new ArrayList<>();
    p.info().command().ifPresent(cmd::add);
    p.info().arguments().ifPresent(a -> cmd.addAll(List.of(a)));
    return cmd;
  }

  /** Copies executors' stdout/stderr from the work dirs (about to be deleted) into logs/. */
  private void keepExecutorLogs() {
    for (int i = 1; i <= cfg.workers; i++) {
      Path work = workerDir(i).resolve("work");
      if (!Files.isDirectory(work)) {
        continue;
      }
      int w = i;
      try (Stream<Path> s = Files.walk(work)) {
        for (Path f : s.filter(p -> p.getFileName().toString().matches("stdout|stderr")).toList()) {
          Path rel = work.relativize(f); // <appId>/<executorId>/stderr
          Path dest = logDir.resolve("worker-" + w + "-" + rel.toString().replace(File.separatorChar, '-'));
          Files.copy(f, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        System.err.println("StandaloneCluster: cannot keep executor logs of " + work + ": " + e);
      }
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) { // walk does not follow the jars/ links
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("StandaloneCluster: cannot delete " + dir + ": " + e);
    }
  }

  // ------------------------------------------------------------------------------------------

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A port free on the loopback interface now (a small race with other processes is accepted). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The jar files of a class path string (directories and missing entries are skipped). */
  public static List<Path> jarsOf(String classPath) {
    return Stream.of(classPath.split(File.pathSeparator)).filter(s -> s.endsWith(".jar"))
        .map(Path::of).filter(Files::isRegularFile).toList();
  }

  /** The base directory for a test's cluster: {@code target/standalone-cluster/<name>}, emptied. */
  public static Path baseDirFor(String name) throws IOException {
    Path target = Path.of(System.getProperty("basedir", ".")).resolve("target");
    Path dir = target.resolve("standalone-cluster").resolve(name).toAbsolutePath();
    deleteTree(dir);
    return Files.createDirectories(dir);
  }

  /** How to build a cluster; {@link #start()} starts it and waits for every worker. */
  public static final class Builder {
    private final Path baseDir;
    private int workers = 2;
    private int coresPerWorker = 1;
    private String workerMemory = "2g";
    private List<Path> sparkJars = jarsOf(System.getProperty("java.class.path"));
    private final Map<String, String> sparkDefaults = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);

    private Builder(Path baseDir) {
      this.baseDir = baseDir;
    }

    public Builder workers(int n) {
      this.workers = n;
      return this;
    }

    public Builder coresPerWorker(int n) {
      this.coresPerWorker = n;
      return this;
    }

    public Builder workerMemory(String memory) {
      this.workerMemory = memory;
      return this;
    }

    /** The jars of SPARK_HOME/jars (the classpath of the daemons and, before any extra, executors). */
    public Builder sparkJars(List<Path> jars) {
      this.sparkJars = List.copyOf(jars);
      return this;
    }

    /** A line of {@code conf/spark-defaults.conf}, read by {@code bin/spark-submit}. */
    public Builder sparkDefault(String key, String value) {
      sparkDefaults.put(key, value);
      return this;
    }

    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    public StandaloneCluster start() throws IOException {
      if (sparkJars.stream().noneMatch(p -> p.getFileName().toString().startsWith("spark-core_"))) {
        throw new IllegalArgumentException("no spark-core jar among the SPARK_HOME jars: " + sparkJars);
      }
      return new StandaloneCluster(this).start();
    }
  }

  /**
   * JUnit 5 glue: starts the cluster before the class's tests, prints every log when a test (or
   * the start) fails, closes it after the class. Register it with {@code @RegisterExtension static}.
   */
  public static final class Extension implements BeforeAllCallback, AfterAllCallback,
      AfterTestExecutionCallback, LifecycleMethodExecutionExceptionHandler {
    private final java.util.function.Function<Path, Builder> builder;
    private final String name;
    private StandaloneCluster cluster;

    public Extension(String name, java.util.function.Function<Path, Builder> builder) {
      this.name = name;
      this.builder = builder;
    }

    public StandaloneCluster cluster() {
      if (cluster == null) {
        throw new IllegalStateException("the cluster is not running");
      }
      return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      cluster = builder.apply(baseDirFor(name)).start();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
      if (context.getExecutionException().isPresent() && cluster != null) {
        System.err.println("test " + context.getDisplayName() + " failed; cluster logs follow ("
            + cluster.logDir() + ")");
        cluster.printLogs(System.err);
      }
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t)
        throws Throwable {
      if (cluster != null) {
        System.err.println("class setup failed; cluster logs follow (" + cluster.logDir() + ")");
        cluster.printLogs(System.err);
      }
      throw t;
    }

    @Override
    public void afterAll(ExtensionContext context) {
      if (cluster != null) {
        cluster.close();
        StandaloneCluster c = cluster;
        cluster = null;
        try {
          waitFor(Duration.ofSeconds(15), "every process of the cluster to end", () -> c.survivors().isEmpty());
        } catch (AssertionError e) {
          throw new AssertionError("still alive after close: " + c.survivors().stream()
              .map(p -> p.pid() + " " + String.join(" ", commandLine(p))).toList(), e);
        }
      }
    }
  }
}
