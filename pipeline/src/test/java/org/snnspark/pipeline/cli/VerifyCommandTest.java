package org.snnspark.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.hdf5.Float16;
import org.snnspark.preprocess.hdf5.ShdH5Writer;

/** {@code verify DIR}: one line saying whether the dataset is intact, or what is at DIR instead. */
class VerifyCommandTest {
  @TempDir Path tmp;

  @Test
  void saysItOnceAndNamesAPathThatDoesNotExist() throws Exception {
    Path file = tmp.resolve("shd_train.h5");
    try (ShdH5Writer w = new ShdH5Writer(file, 2)) {
      short t = Float16.fromFloat(0.5f);
      w.writeSpikes(0, new short[][] {{t}, {t}}, new int[][] {{1}, {2}});
      w.writeLabels(new int[] {0, 1});
    }
    Path ds = tmp.resolve("ds");
    assertEquals(0, SnnSpark.execute("preprocess", "spikes", "--master", "local[1]", "--input", "train=" + file,
        "--output", ds.toString()));

    List<String> said = run(0, "verify", ds.toString());
    assertEquals(1, said.size(), "the OK line once, not again in the log: " + said);
    assertEquals(ds + ": OK (1 shards, 2 rows, ", said.get(0).substring(0, said.get(0).indexOf("rows, ") + 6));

    assertEquals(List.of(tmp.resolve("nowhere") + ": 1 problem(s):", "  " + tmp.resolve("nowhere") + " does not exist"),
        run(3, "verify", tmp.resolve("nowhere").toString()));
  }

  /** Everything the command prints, stdout and log lines, checking its exit code. */
  private static List<String> run(int expectedCode, String... args) {
    StringWriter log = new StringWriter();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    WriterAppender appender = WriterAppender.createAppender(PatternLayout.newBuilder().withPattern("%m%n").build(),
        null, log, "verify-test", false, true);
    appender.start();
    ctx.getConfiguration().getRootLogger().addAppender(appender, null, null);
    ctx.updateLoggers();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      assertEquals(expectedCode, SnnSpark.execute(args));
    } finally {
      System.setOut(out);
      ctx.getConfiguration().getRootLogger().removeAppender("verify-test");
      ctx.updateLoggers();
      appender.stop();
    }
    return (bytes.toString(StandardCharsets.UTF_8) + log).lines().toList();
  }
}
