package org.snnspark.preprocess.dataset;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process a temporary directory belongs to — host, process id and the process's start time —
 * written into the directory's name, so that a later run can tell what a killed job left behind
 * from what a running one is still writing. The start time tells a reused process id apart.
 */
public record JobOwner(String host, long pid, long startMillis) {
  private static final Pattern TAG = Pattern.compile("(.+)-(\\d+)-(\\d+)");

  /** This JVM. */
  public static JobOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new JobOwner(hostName(), self.pid(), startMillis(self).orElse(0L));
  }

  /** {@code host-pid-startMillis}, as it appears in a directory name. */
  public String tag() {
    return host + "-" + pid + "-" + startMillis;
  }

  /** The owner a {@link #tag()} names, if {@code text} is one. */
  public static Optional<JobOwner> parse(String text) {
    Matcher m = TAG.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JobOwner(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the owner has certainly ended: it ran on this host and no process with its id and
   * start time runs now. An owner on another host, or one whose start time cannot be read, counts
   * as alive: its directory is never taken from it.
   */
  public boolean isDead() {
    if (!host.equals(hostName())) {
      return false;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    Optional<Long> started = startMillis(p.get());
    return started.isPresent() && startMillis != 0 && started.get() != startMillis;
  }

  private static Optional<Long> startMillis(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toEpochMilli);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
