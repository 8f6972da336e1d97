package org.snnspark.preprocess.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds a python3 with h5py (Debian's python3-h5py) for cross-checks; tests skip without one. */
public final class Python {
  private static volatile String found;
  private static volatile boolean searched;

  private Python() {}

  /** A python3 executable that can {@code import h5py}, or null. */
  public static synchronized String withH5py() {
    if (!searched) {
      // Debian's interpreter first: a pyenv/venv python3 earlier on PATH usually lacks the Debian package
      for (String candidate : List.of("/usr/bin/python3", "python3")) {
        try {
          if (run(candidate, "import h5py, numpy").exitCode == 0) {
            found = candidate;
            break;
          }
        } catch (IOException e) {
          // not installed here: try the next one
        }
      }
      searched = true;
    }
    return found;
  }

  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code python -c script args...} and waits (at most two minutes). */
  public static Result run(String python, String script, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(python, "-c", script));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("python timed out");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
