package org.snnspark.pipeline.train;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.snnspark.pipeline.cli.SnnSpark;

/** What one CLI invocation in this JVM printed and returned. */
final class Cli {
  final int code;
  final String out;
  final String err;

  private Cli(int code, String out, String err) {
    this.code = code;
    this.out = out;
    this.err = err;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "exit %d%n--- stdout%n%s%n--- stderr (last 3000 chars)%n%s", code, out,
        err.substring(Math.max(0, err.length() - 3000)));
  }

  /** Runs {@code snn-spark args...}, capturing what it prints. */
  static synchronized Cli cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = SnnSpark.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** A metrics.csv row without the wall-clock columns (samples/s, seconds). */
  static String withoutTimings(String csvLine) {
    String[] f = csvLine.split(",");
    return String.join(",", f[0], f[1], f[2], f[3], f[4]) + "," + String.join(",",
        java.util.Arrays.copyOfRange(f, 7, f.length));
  }
}
