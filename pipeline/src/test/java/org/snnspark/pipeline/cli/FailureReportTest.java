package org.snnspark.pipeline.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.hdf5.Float16;
import org.snnspark.preprocess.hdf5.ShdH5Writer;

/**
 * A failed command says what went wrong in one line, in the command line's words: the file, the
 * sample and the problem; options by their flags; an enum's valid values. No stack trace, and a
 * cause only when it adds something.
 */
class FailureReportTest {
  @TempDir Path tmp;

  @Test
  void aBadSampleIsOneLineNamingFileSampleAndProblem() throws Exception {
    Path file = tmp.resolve("shd_train.h5");
    try (ShdH5Writer w = new ShdH5Writer(file, 3)) {
      short t = Float16.fromFloat(0.5f);
      w.writeSpikes(0, new short[][] {{t}, {t, Float16.fromFloat(-0.25f)}, {t}}, new int[][] {{1}, {2, 3}, {4}});
      w.writeLabels(new int[] {0, 1, 0});
    }
    assertEquals("error: " + file + ", sample 1: negative time -0.25 s at spike 1\n",
        errorOf("preprocess", "spikes", "--master", "local[1]", "--input", "train=" + file,
            "--output", tmp.resolve("out").toString()));
  }

  @Test
  void generateShdNamesEachBadValueByItsFlagWithTheValidRange() {
    String out = tmp.resolve("out").toString();
    assertEquals("error: --classes must be in 2..720 (orders of 6 bands), got 1000\n",
        errorOf("generate-shd", "--output", out, "--classes", "1000"));
    assertEquals("error: --classes must be in 2..24 (orders of 4 bands), got 30\n",
        errorOf("generate-shd", "--output", out, "--bands", "4", "--classes", "30"));
    assertEquals("error: --test-only-speakers must be in 0..11 (fewer than the 12 --speakers), got 12\n",
        errorOf("generate-shd", "--output", out, "--test-only-speakers", "12"));
    assertEquals("error: --signal-rate must be > 0, got -5.0\n",
        errorOf("generate-shd", "--output", out, "--signal-rate", "-5"));
    assertEquals("error: --train-samples must be >= 0, got -1\n",
        errorOf("generate-shd", "--output", out, "--profile", "HARD", "--train-samples", "-1"));
    assertEquals("error: --output is not set\n", errorOf("generate-shd"));
    assertTrue(errorOf("generate-shd", "--output", out, "--profile", "EASY")
        .startsWith("error: bad value 'EASY' for --profile: expected one of DEFAULT, HARD"));
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
  }

  @Test
  void preprocessingOptionsAreNamedByTheirFlags() throws Exception {
    String out = tmp.resolve("out").toString();
    assertEquals("error: --n-steps must be >= 1, got 0\n",
        errorOf("preprocess", "spikes", "--input", "train=x.h5", "--output", out, "--n-steps", "0"));
    assertEquals("error: --max-time must be > 0 seconds, got -1.0\n",
        errorOf("preprocess", "spikes", "--input", "train=x.h5", "--output", out, "--max-time", "-1"));
    assertEquals("error: no input: set --input (split=path,...) or --input-dir\n",
        errorOf("preprocess", "spikes", "--output", out));
    assertEquals("error: --silence-fraction must be >= 0, got -0.5\n",
        errorOf("preprocess", "audio", "--input-dir", "gsc", "--output", out, "--silence-fraction", "-0.5"));
    Files.createDirectories(tmp.resolve("out"));
    assertEquals("error: --output file:" + out + " already exists (pass --overwrite to replace it)\n",
        errorOf("preprocess", "spikes", "--master", "local[1]", "--input", "train=x.h5", "--output", out));
  }

  @Test
  void aBadEnumValueListsTheValidOnes() throws Exception {
    assertEquals("error: bad value 'FOO' for --mode: expected one of COUNT, BINARY, EVENTS\n",
        errorOf("preprocess", "spikes", "--input", "train=x.h5", "--output", "o", "--mode", "FOO"));
    assertEquals("error: bad value 'wav' for --features: expected one of FBANK, MEL\n",
        errorOf("preprocess", "audio", "--input-dir", "gsc", "--output", "o", "--features", "wav"));
  }

  @Test
  void aModelThatIsNoModelIsSaidSo() throws Exception {
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "not a model");
    assertEquals("error: --model " + notes + " is not a zip file: give the model.zip a 'train' run wrote\n",
        errorOf("evaluate", "--master", "local[1]", "--model", notes.toString(), "--dataset", "nowhere"));
    Path zip = tmp.resolve("photos.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("photo.jpg"));
      z.write(new byte[] {1, 2, 3});
    }
    assertEquals("error: --model " + zip + " is a zip file without DL4J's configuration.json and coefficients.bin:"
            + " give the model.zip a 'train' run wrote\n",
        errorOf("evaluate", "--master", "local[1]", "--model", zip.toString(), "--dataset", "nowhere"));
  }

  @Test
  void aMultiLineMessageIsCutToItsFirstLine() {
    assertEquals("SparkException: Job aborted: task failed",
        SnnSpark.describe(new SparkException("Job aborted: task failed\n\tat a.b(C.java:1)\n\nDriver stacktrace:")));
    assertEquals("bad value", SnnSpark.describe(new IllegalArgumentException("bad value")));
  }

  @Test
  void sparksAbortLineIsNotShownByDefault() throws Exception {
    // conf/log4j2.properties, as the launchers use it (the variable that shows it unset in tests)
    URI conf = Path.of("..", "conf", "log4j2.properties").toUri();
    Configuration c = new PropertiesConfigurationFactory().getConfiguration(new LoggerContext("conf"),
        new ConfigurationSource(Files.newInputStream(Path.of(conf)), conf.toURL()));
    c.initialize();
    assertEquals(Level.OFF, c.getLoggerConfig("org.apache.spark.scheduler.TaskSetManager").getLevel());
  }

  /** What the command prints on stderr, apart from log lines; checks that it failed. */
  private static String errorOf(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = SnnSpark.execute(args);
    } finally {
      System.setErr(err);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertNotEquals(0, code, printed);
    return printed.lines().filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d .*") && !l.startsWith("WARNING: "))
        .map(l -> l + "\n").collect(Collectors.joining());
  }
}
