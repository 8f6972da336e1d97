package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.testutil.Footers;

/**
 * A shard written again in a new JVM is the same file, byte for byte, and the SHA-256 the writer
 * reports is that of the bytes on disk. parquet-mr lists each column chunk's encodings in the
 * iteration order of a {@code HashSet<Encoding>}, which follows identity hashes and so changes
 * between JVMs; {@link ShardWriter} writes those lists sorted by their Thrift value.
 */
class ShardWriterReproducibilityTest {
  /** Identity hashes drawn before writing, one child JVM each: shifts the enum constants' hashes. */
  private static final int[] DRAWS = {0, 1, 2, 3, 5};

  @Test
  void aShardWrittenInOtherJvmsIsTheSameBytes(@TempDir Path tmp) throws Exception {
    List<byte[]> files = new ArrayList<>();
    List<String> orders = new ArrayList<>();
    for (int draws : DRAWS) {
      Path file = tmp.resolve("part-" + draws + ".parquet");
      runChild(file, draws);
      byte[] bytes = Files.readAllBytes(file);
      String reported = Files.readString(tmp.resolve(file.getFileName() + ".sha256"));
      assertEquals(HexFormat.of().formatHex(HadoopFiles.newSha256().digest(bytes)), reported,
          "the SHA-256 the writer reports is that of the file");
      files.add(bytes);
      orders.add(draws + " draws: " + Footers.encodings(Footers.footer(bytes)));
    }
    for (int i = 1; i < files.size(); i++) {
      assertArrayEquals(files.get(0), files.get(i), "a shard written in another JVM differs; encodings by JVM:\n"
          + String.join("\n", orders));
    }
    Footers.assertCanonical(files.get(0), "the shard");
  }

  private static void runChild(Path file, int draws) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        ShardWriterChild.class.getName(), file.toString(), Integer.toString(draws), "true")
        .redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "child JVM timed out");
    assertEquals(0, p.exitValue(), () -> "child JVM failed:\n" + new String(out, StandardCharsets.UTF_8));
  }
}
