package org.snnspark.pipeline.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the test scripts in src/test/resources/nir with Debian's python3 and h5py, which CI installs
 * ({@code .ci/run}); NIR itself is not on PyPI here, so the scripts mirror its reader and writer.
 */
final class Python {
  private static final Path SCRIPTS = Path.of("src/test/resources/nir");

  private Python() {}

  /** The script's output; fails the test when it exits non-zero. */
  static String run(String script, String... args) throws IOException, InterruptedException {
    return exec(0, script, args);
  }

  /** The output of a script expected to report problems (exit code 1). */
  static String runExpectingFailure(String script, String... args) throws IOException, InterruptedException {
    return exec(1, script, args);
  }

  private static String exec(int expectedExit, String script, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", SCRIPTS.resolve(script).toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(expectedExit, p.waitFor(), script + " exit code; its output:\n" + out);
    return out;
  }
}
