package org.snnspark.pipeline.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes a test started (daemons, drivers, launcher scripts), each with its output (stdout
 * and stderr) in {@code <logDir>/<name>.log}, and stopped together with everything below them.
 */
final class ChildProcesses {
  /** A started process and where its output goes. */
  record Child(String name, Process process, Path log) {}

  private final Path logDir;
  private final List<Child> children = new CopyOnWriteArrayList<>();

  ChildProcesses(Path logDir) {
    this.logDir = logDir;
  }

  Path logDir() {
    return logDir;
  }

  /**
   * Starts {@code command} in {@code dir}. Inherited {@code SPARK_*}/{@code HADOOP_*} variables
   * (and {@code YARN_CONF_DIR}, {@code PYSPARK_PYTHON}) are dropped, so only {@code env} says
   * which Spark and which cluster the process sees.
   */
  Process start(String name, List<String> command, Map<String, String> env, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> environment = pb.environment();
    environment.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("HADOOP_")
        || k.equals("YARN_CONF_DIR") || k.equals("PYSPARK_PYTHON"));
    environment.putAll(env);
    Files.writeString(log, "$ " + String.join(" ", command) + "\n\n");
    Process p = pb.start();
    children.add(new Child(name, p, log));
    return p;
  }

  /** Every process started, oldest first. */
  List<Child> list() {
    return List.copyOf(children);
  }

  /**
   * Stops every process, newest first: SIGTERM to it and its descendants, SIGKILL to whatever
   * still runs after {@code grace}. The list is then empty.
   */
  void stopAll(Duration grace) {
    List<Child> order = new ArrayList<>(children);
    Collections.reverse(order);
    for (Child c : order) {
      ProcessHandle h = c.process().toHandle();
      List<ProcessHandle> tree = new ArrayList<>(h.descendants().toList());
      tree.add(0, h);
      tree.forEach(ProcessHandle::destroy);
      long deadline = System.nanoTime() + grace.toNanos();
      for (ProcessHandle p : tree) {
        long left = deadline - System.nanoTime();
        try {
          if (left > 0) {
            p.onExit().get(left, TimeUnit.NANOSECONDS);
          }
        } catch (TimeoutException | ExecutionException e) {
          // killed below
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
    }
    children.clear();
  }
}
