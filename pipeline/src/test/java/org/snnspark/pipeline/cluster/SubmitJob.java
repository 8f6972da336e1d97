package org.snnspark.pipeline.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One job run through a launcher of the project's {@code submit/} directory ({@code submit/train
 * ...}), as a user runs it with {@code SPARK_HOME} set: the launcher calls
 * {@code $SPARK_HOME/bin/spark-submit} with the application jar. Its output lands in a log file.
 */
final class SubmitJob {
  /** Starts a process with extra environment variables, its output to {@code <logDir>/<name>.log}. */
  interface Starter {
    Process start(String name, List<String> command, Map<String, String> env, Path dir) throws IOException;
  }

  final String launcher;
  final Process process;
  final Path log;
  final long started = System.currentTimeMillis();

  private SubmitJob(String launcher, Process process, Path log) {
    this.launcher = launcher;
    this.process = process;
    this.log = log;
  }

  /** Runs {@code submit/<launcher> args} with {@code env}, working directory {@code dir}. */
  static SubmitJob run(Starter starter, Path logDir, String launcher, List<String> args,
      Map<String, String> env, Path dir) throws IOException {
    Path script = Path.of(System.getProperty("snnspark.submitDir", "../submit")).resolve(launcher);
    assertTrue(Files.isRegularFile(script), "no launcher " + script.toAbsolutePath());
    List<String> cmd = new ArrayList<>(List.of("bash", script.toAbsolutePath().toString()));
    cmd.addAll(args);
    String name = launcher + "-" + System.currentTimeMillis();
    Process p = starter.start(name, cmd, env, dir);
    return new SubmitJob(launcher, p, logDir.resolve(name + ".log"));
  }

  /** Waits for the job; fails with the end of its output if it fails or outlasts {@code timeout}. */
  void awaitSuccess(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      fail(launcher + " did not finish within " + timeout.toSeconds() + " s; driver log " + log);
    }
    int code = process.exitValue();
    System.out.printf("%s finished in %.1f s with exit code %d%n", launcher,
        (System.currentTimeMillis() - started) / 1000.0, code);
    if (code != 0) {
      fail(launcher + " failed with exit code " + code + "; driver log " + log + ":\n" + tail(output(), 60));
    }
  }

  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  static String tail(String s, int lines) {
    List<String> all = s.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
