package org.snnspark.pipeline.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.snnspark.preprocess.testutil.MiniHdfs;

/**
 * YARN and HDFS on loopback for tests, in this JVM: a MiniDFSCluster ({@link MiniHdfs}) and a
 * MiniYARNCluster (one ResourceManager with the CapacityScheduler, N NodeManagers of 4 GB each,
 * the size MiniYARNCluster gives every NodeManager). The servers bind 127.0.0.1; YARN names its
 * nodes by this machine's host name, which must resolve to a loopback address (checked). Container
 * processes are real: each NodeManager localizes their files from HDFS and starts them through
 * {@code launch_container.sh}, as children of this JVM.
 *
 * <p>What the NodeManagers enforce, as a production cluster does: a container whose processes use
 * more physical memory than it asked for is killed (the pmem check; the vmem check, which counts
 * reserved address space, is off, as on most clusters). They pass containers no {@code JAVA_HOME}
 * of their own (it is not in {@code yarn.nodemanager.env-whitelist}), so an application names its
 * Java: {@code spark.yarn.appMasterEnv.JAVA_HOME} and {@code spark.executorEnv.JAVA_HOME}.
 *
 * <p>{@link #hadoopConfDir()} holds what a client needs, taken from the running clusters'
 * configurations: {@code core-site.xml} ({@code fs.defaultFS}), {@code hdfs-site.xml},
 * {@code yarn-site.xml} (the ResourceManager's addresses).
 */
final class YarnCluster implements AutoCloseable {
  /**
   * The web services' Jersey logs every class it registers through java.util.logging, at INFO:
   * kept to warnings (held here: java.util.logging keeps loggers only weakly).
   */
  private static final java.util.logging.Logger JERSEY = quiet("org.apache.hadoop.shaded.com.sun.jersey");

  private final Path baseDir;
  private final MiniHdfs hdfs;
  private final MiniYARNCluster yarn;
  private final Path confDir;
  private final int nodeManagers;

  private YarnCluster(Path baseDir, MiniHdfs hdfs, MiniYARNCluster yarn, Path confDir, int nodeManagers) {
    this.baseDir = baseDir;
    this.nodeManagers = nodeManagers;
    this.hdfs = hdfs;
    this.yarn = yarn;
    this.confDir = confDir;
  }

  /**
   * Starts HDFS under {@code baseDir/hdfs} and YARN with {@code nodeManagers} NodeManagers under
   * {@code target/<name>} (where MiniYARNCluster puts its directories), and writes the client
   * configuration to {@code baseDir/hadoop-conf}.
   */
  static YarnCluster start(Path baseDir, String name, int nodeManagers) throws IOException {
    requireHostNameOnLoopback();
    MiniHdfs hdfs = new MiniHdfs(baseDir.resolve("hdfs").toFile());
    MiniYARNCluster yarn = null;
    try {
      yarn = new MiniYARNCluster(name, nodeManagers, 1, 1);
      yarn.init(configuration(hdfs.uri()));
      yarn.start();
      awaitResourceManagerAddress(yarn);
      if (!yarn.waitForNodeManagersToConnect(30_000)) {
        throw new IllegalStateException(nodeManagers + " NodeManagers did not register within 30 s");
      }
      Path confDir = writeClientConf(Files.createDirectories(baseDir.resolve("hadoop-conf")), hdfs, yarn);
      return new YarnCluster(baseDir, hdfs, yarn, confDir, nodeManagers);
    } catch (IOException | RuntimeException e) {
      if (yarn != null) {
        yarn.stop();
      }
      hdfs.close();
      throw e;
    } catch (Exception e) { // waitForNodeManagersToConnect: YarnException, InterruptedException
      yarn.stop();
      hdfs.close();
      throw new IllegalStateException("YARN did not start", e);
    }
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  private static void requireHostNameOnLoopback() throws IOException {
    InetAddress host = InetAddress.getByName(MiniYARNCluster.getHostname());
    if (!host.isLoopbackAddress()) {
      throw new IllegalStateException("this machine's host name " + MiniYARNCluster.getHostname()
          + " resolves to " + host + ", not a loopback address: YARN names its nodes by it, so"
          + " executors would listen there");
    }
  }

  private static YarnConfiguration configuration(String defaultFs) {
    YarnConfiguration conf = new YarnConfiguration();
    conf.set("fs.defaultFS", defaultFs); // staging directories, localized files
    conf.set(YarnConfiguration.RM_BIND_HOST, "127.0.0.1");
    conf.set(YarnConfiguration.NM_BIND_HOST, "127.0.0.1");
    // containers as small as an application master in client mode (512 MB + 384 MB overhead)
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 1); // a failed application fails the test at once
    conf.setLong(YarnConfiguration.RM_NM_HEARTBEAT_INTERVAL_MS, 200); // containers are handed out on heartbeats
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "0.5");
    conf.setBoolean(YarnConfiguration.YARN_MINICLUSTER_CONTROL_RESOURCE_MONITORING, true);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, true);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.set(YarnConfiguration.NM_ENV_WHITELIST, "PATH,LANG,TZ");
    // a nearly full disk must not mark the NodeManagers unhealthy
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
    return conf;
  }

  /** MiniYARNCluster may return before the ResourceManager wrote its bound port into the conf. */
  private static void awaitResourceManagerAddress(MiniYARNCluster yarn) {
    StandaloneCluster.waitFor(Duration.ofSeconds(30), "the ResourceManager's port in its configuration",
        () -> !yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0"));
  }

  private static Path writeClientConf(Path dir, MiniHdfs hdfs, MiniYARNCluster yarn) throws IOException {
    writeXml(dir.resolve("core-site.xml"), Map.of("fs.defaultFS", hdfs.uri()));
    writeXml(dir.resolve("hdfs-site.xml"), Map.of("dfs.replication", "1"));
    Configuration running = yarn.getConfig();
    writeXml(dir.resolve("yarn-site.xml"), Map.of(
        YarnConfiguration.RM_ADDRESS, running.get(YarnConfiguration.RM_ADDRESS),
        YarnConfiguration.RM_SCHEDULER_ADDRESS, running.get(YarnConfiguration.RM_SCHEDULER_ADDRESS),
        YarnConfiguration.RM_WEBAPP_ADDRESS, running.get(YarnConfiguration.RM_WEBAPP_ADDRESS),
        YarnConfiguration.RM_ADMIN_ADDRESS, running.get(YarnConfiguration.RM_ADMIN_ADDRESS)));
    return dir;
  }

  private static void writeXml(Path file, Map<String, String> properties) throws IOException {
    Configuration c = new Configuration(false);
    properties.forEach(c::set);
    try (OutputStream out = Files.newOutputStream(file)) {
      c.writeXml(out);
    }
  }

  // ------------------------------------------------------------------------------------------

  MiniHdfs hdfs() {
    return hdfs;
  }

  /** HADOOP_CONF_DIR for clients: spark-submit finds the ResourceManager and HDFS there. */
  Path hadoopConfDir() {
    return confDir;
  }

  /** An application as the ResourceManager knows it; fails when it does not. */
  RMApp application(String appId) {
    RMApp app = yarn.getResourceManager().getRMContext().getRMApps().get(ApplicationId.fromString(appId));
    if (app == null) {
      throw new AssertionError("the ResourceManager knows no application " + appId);
    }
    return app;
  }

  /** The ids of every application submitted so far, in submission order. */
  List<String> applicationIds() {
    return yarn.getResourceManager().getRMContext().getRMApps().keySet().stream().sorted()
        .map(ApplicationId::toString).toList();
  }

  /**
   * The log directories of an application's containers, {@code <nm-log-dir>/<appId>/<containerId>/}:
   * each holds the container's stdout, stderr and the {@code launch_container.sh} that started it.
   */
  List<Path> containerLogDirs(String appId) {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < nodeManagers; i++) {
      for (String root : yarn.getNodeManager(i).getConfig().getTrimmedStrings(YarnConfiguration.NM_LOG_DIRS)) {
        Path app = Path.of(root).resolve(appId);
        if (Files.isDirectory(app)) {
          try (Stream<Path> s = Files.list(app)) {
            s.filter(d -> d.getFileName().toString().startsWith("container_")).forEach(out::add);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    out.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return out;
  }

  /** Container processes still running: descendants of this JVM started by a NodeManager. */
  List<ProcessHandle> containerProcesses() {
    String workDir = yarn.getTestWorkDir().getAbsolutePath();
    return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> String.join(" ", StandaloneCluster.commandLine(p)).contains(workDir)).toList();
  }

  /**
   * Stops YARN (its NodeManagers kill what containers still run) and HDFS, and deletes the
   * NodeManagers' local directories (each holds copies of the application jar); their log
   * directories stay in {@code target/}.
   */
  @Override
  public void close() {
    List<Path> localDirs = new ArrayList<>();
    for (int i = 0; i < nodeManagers; i++) {
      for (String d : yarn.getNodeManager(i).getConfig().getTrimmedStrings(YarnConfiguration.NM_LOCAL_DIRS)) {
        localDirs.add(Path.of(d));
      }
    }
    try {
      yarn.stop();
    } finally {
      hdfs.close();
    }
    localDirs.forEach(StandaloneCluster::deleteTree);
    StandaloneCluster.deleteTree(baseDir.resolve("hdfs"));
  }
}
