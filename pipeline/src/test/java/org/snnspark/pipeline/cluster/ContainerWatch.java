package org.snnspark.pipeline.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the JVMs of YARN containers while a job runs, from the outside (Linux {@code /proc} and
 * {@code ss}): each one's peak resident memory ({@code VmHWM}, what the NodeManager's pmem check
 * compares with the container's size) and every TCP address it listens on.
 */
final class ContainerWatch implements AutoCloseable {
  private static final Pattern CONTAINER = Pattern.compile("(container_[0-9_]+)");
  private static final Pattern SS_PID = Pattern.compile("pid=(\\d+),");

  private final Supplier<List<ProcessHandle>> containers;
  private final Map<String, Long> peakKb = new ConcurrentHashMap<>();
  private final Set<String> listening = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile RuntimeException failure;

  /** Starts sampling every 300 ms the processes {@code containers} returns. */
  ContainerWatch(Supplier<List<ProcessHandle>> containers) {
    this.containers = containers;
    this.thread = new Thread(this::run, "container-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!stopped) {
      try {
        sample();
      } catch (RuntimeException e) {
        failure = e;
        return;
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    Map<Long, String> jvms = new TreeMap<>();
    for (ProcessHandle p : containers.get()) {
      List<String> cmd = StandaloneCluster.commandLine(p);
      if (cmd.isEmpty() || !cmd.get(0).endsWith("/java")) {
        continue; // the launch scripts' shells
      }
      Matcher m = CONTAINER.matcher(String.join(" ", cmd));
      if (m.find()) {
        jvms.put(p.pid(), m.group(1));
        long kb = peakResidentKb(p.pid());
        peakKb.merge(m.group(1), kb, Math::max);
      }
    }
    if (!jvms.isEmpty()) {
      listening.addAll(listeningAddresses(jvms));
    }
  }

  private static long peakResidentKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between listing and reading
    }
    return 0;
  }

  /** {@code address (container)} for every TCP socket the given processes listen on. */
  private static Set<String> listeningAddresses(Map<Long, String> jvms) {
    Set<String> out = new TreeSet<>();
    try {
      Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
      String text = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      ss.waitFor();
      for (String line : text.split("\n")) {
        Matcher m = SS_PID.matcher(line);
        while (m.find()) {
          String container = jvms.get(Long.parseLong(m.group(1)));
          if (container != null) {
            out.add(line.trim().split("\\s+")[3] + " (" + container + ")");
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("ss -ltnp failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** Peak resident memory in MB of every container JVM seen, by container id. */
  Map<String, Long> peakResidentMb() {
    Map<String, Long> mb = new TreeMap<>();
    peakKb.forEach((c, kb) -> mb.put(c, kb / 1024));
    return mb;
  }

  /** Every {@code host:port (container)} a container JVM was seen listening on. */
  Set<String> listening() {
    if (failure != null) {
      throw new IllegalStateException("watching the containers failed: " + failure.getMessage(), failure);
    }
    return new TreeSet<>(listening);
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join(5000);
  }
}
