package org.snnspark.pipeline.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.pipeline.cli.SnnSpark;
import org.snnspark.pipeline.cli.SweepCommand;
import org.snnspark.pipeline.data.SynthSpikeDataset;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.synth.SyntheticShdConfig;

/**
 * {@code sweep} end to end on Spark local mode: a grid of two neuron models x two seeds two trials at a
 * time, ASHA over four trials, and a sweep whose driver is killed, then resumed.
 */
class SweepRunTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static String dataset;

  @BeforeAll
  static void prepareDataset() {
    spark = SparkSessions.create("SweepRunTest", "local[2]", Map.of());
    dataset = SynthSpikeDataset.write(spark, dir, new SyntheticShdConfig().withSamples(120, 40).withClasses(3)
        .withSeed(8), 40, 25, 0.25);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void aGridTimesSeedsGivesOneRowPerTrialRankedByItsMetricAndKeepsTheBestModel() throws Exception {
    String out = dir.resolve("sweep").toString();
    List<Row> rows = sweep(out, """
        seeds = [1, 2]
        metric = "valid_accuracy"
        direction = "max"

        [grid]
        neuron = ["LIF", "RLIF"]
        """, 2);
    for (Row r : rows) {
      assertEquals("SUCCEEDED", r.getAs("status"));
      assertEquals(2, r.<scala.collection.Seq<Double>>getAs("epoch_valid_accuracy").size());
      assertTrue(Files.isRegularFile(Path.of(out, r.<String>getAs("run_dir"), "model.zip")));
    }
    assertEquals(List.of("LIF", "LIF", "RLIF", "RLIF"), rows.stream().map(r -> r.<String>getAs("neuron")).toList());
    assertEquals(List.of(1L, 2L, 1L, 2L), rows.stream().map(r -> r.<Long>getAs("seed")).toList());

    double lif = (metric(rows.get(0)) + metric(rows.get(1))) / 2;
    double rlif = (metric(rows.get(2)) + metric(rows.get(3))) / 2;
    List<String> board = Files.readAllLines(Path.of(out, "leaderboard.txt"));
    assertTrue(board.get(1).endsWith(rlif > lif ? "neuron=RLIF" : "neuron=LIF"), String.join("\n", board));
    assertTrue(board.get(1).contains(String.format(Locale.ROOT, "%.4f", Math.max(lif, rlif))), board.get(1));

    Row best = rows.stream().max((a, b) -> Double.compare(metric(a), metric(b))).orElseThrow();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true));
    try {
      assertEquals(0, SnnSpark.execute("evaluate", "--model", out + "/best/model.zip", "--dataset", dataset,
          "--split", "test", "--master", "local[2]"));
    } finally {
      System.setOut(original);
    }
    String expected = String.format(Locale.ROOT, "test accuracy %.2f%%", 100 * best.<Double>getAs("test_accuracy"));
    assertTrue(captured.toString().contains(expected), captured + " vs " + expected);
    assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().contains("inprogress")));
    String plot = Files.readString(Path.of(out, "metric.svg"));
    assertTrue(plot.startsWith("<svg") && plot.contains("valid_accuracy (max) against neuron"), plot);
    assertEquals(4, plot.split("<circle").length - 1, "a dot per trial");
  }

  /** Runs {@code spec} (after tiny fixed options) as the CLI would; its trials.parquet rows by trial id. */
  private static List<Row> sweep(String out, String spec, int parallel) throws Exception {
    Path file = writeSpec(out, spec);
    assertEquals(0, SnnSpark.execute("sweep", "--spec", file.toString(), "--dataset", dataset,
        "--output", out, "--parallel", Integer.toString(parallel), "--master", "local[2]"));
    return spark.read().parquet(out + "/trials.parquet").orderBy("trial_id").collectAsList();
  }

  private static void sweepAgain(String out, Path spec, String flag) {
    assertEquals(0, SnnSpark.execute("sweep", "--spec", spec.toString(), "--dataset", dataset,
        "--output", out, "--parallel", "1", "--master", "local[2]", flag));
  }

  /** {@code spec} after the tiny fixed options it does not set itself (TOML refuses a key twice). */
  private static Path writeSpec(String out, String spec) throws IOException {
    Path file = Path.of(out + ".toml");
    StringBuilder fixed = new StringBuilder();
    for (String option : List.of("epochs = 2", "hidden = [16]", "batch-size = 16", "train-eval-samples = 0")) {
      if (!spec.contains(option.substring(0, option.indexOf(' ')) + " =")) {
        fixed.append(option).append('\n');
      }
    }
    Files.writeString(file, fixed + spec);
    return file;
  }

  private static double metric(Row r) {
    return r.<Double>getAs("metric");
  }

  /** Three trials, one at a time: one learns (lr 0.02), two cannot (lr 1e-9, 2e-9); a rung at epoch 1 of 2, eta 2. */
  private static final String ASHA = """
      neuron = "ADLIF"
      seeds = [1]
      [grid]
      lr = [0.02, 1e-9, 2e-9]
      [early-stopping]
      rungs = [1]
      eta = 2
      """;
  private static List<Row> ashaRows;

  /** The uninterrupted ASHA sweep, run once for the tests that compare with it. */
  private static synchronized List<Row> ashaReference() throws Exception {
    if (ashaRows == null) {
      ashaRows = sweep(dir.resolve("asha").toString(), ASHA, 1);
    }
    return ashaRows;
  }

  @Test
  void ashaPromotesTheTopHalfOfARungFromTheirCheckpointsAndStopsTheRest() throws Exception {
    List<Row> rows = ashaReference();
    Path out = dir.resolve("asha");
    // 000 alone at the rung stays; with 001 there are two, and the better, 000, goes on; with 002, three, whose
    // top floor(3 / 2) = 1 is 000 again: nothing more to promote
    assertEquals(List.of("SUCCEEDED", "STOPPED", "STOPPED"), rows.stream().map(r -> r.<String>getAs("status")).toList());
    assertEquals(List.of(2, 1, 1), rows.stream().map(r -> r.<scala.collection.Seq<Double>>getAs(
        "epoch_valid_accuracy").size()).toList());
    assertEquals("trials/.002.inprogress", rows.get(2).getAs("run_dir"));
    assertTrue(Files.isDirectory(out.resolve("trials/.002.inprogress/checkpoints")));
    String promoted = Files.readString(out.resolve("journal/000.rung-1.json"));
    assertTrue(promoted.contains("\"firstEpoch\" : 2"), "continued from its rung-0 checkpoint: " + promoted);
    assertTrue(Files.readAllLines(out.resolve("leaderboard.txt")).get(2).contains("stopped"));
  }

  /**
   * A sweep whose driver JVM is SIGKILLed after three jobs (000 finished, 001 stopped), then {@code --resume}d: what had ended
   * is not trained again (its journal entries and models untouched), a trial with checkpoints goes
   * on after its newest, and the table is the uninterrupted sweep's.
   */
  @Test
  void aSweepWhoseDriverWasKilledResumesToTheUninterruptedTable() throws Exception {
    Path out = dir.resolve("killed");
    Path spec = writeSpec(out.toString(), ASHA);
    Path staging = out.resolveSibling(".killed.inprogress");
    Process driver = new ProcessBuilder(childJvm("sweep", "--spec", spec.toString(), "--dataset", dataset,
        "--output", out.toString(), "--parallel", "1", "--master", "local[2]"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("killed-driver.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + 240_000_000_000L;
      while (journal(staging).size() < 3 && driver.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } finally {
      driver.destroyForcibly().waitFor();
    }
    Map<String, byte[]> ended = journal(staging);
    assertTrue(ended.size() >= 3 && !Files.exists(out), "killed after " + ended.keySet() + "; driver log:\n"
        + Files.readString(dir.resolve("killed-driver.log")));
    Map<String, Long> models = new TreeMap<>();
    Map<String, Integer> checkpointed = new TreeMap<>();
    for (String id : List.of("000", "001", "002")) {
      Path model = staging.resolve("trials/" + id + "/model.zip");
      if (Files.exists(model)) {
        models.put(id, Files.getLastModifiedTime(model).toMillis());
      }
      newestCheckpoint(staging.resolve("trials/." + id + ".inprogress/checkpoints"))
          .ifPresent(e -> checkpointed.put(id, e));
    }

    String elsewhere = dir.resolve("another-dataset").toString();
    IllegalArgumentException otherData = assertThrows(IllegalArgumentException.class,
        () -> new SweepRunner(SweepSpec.read(spec, SweepCommand::trialMaySet), Files.readString(spec),
            SweepCommand.trials(SweepSpec.read(spec, SweepCommand::trialMaySet), elsewhere), 1)
            .run(spark, out.toString(), false, true));
    assertEquals("--dataset file:" + elsewhere + " differs from the dataset the interrupted sweep trained on (file:"
        + dataset + "): resume with --dataset file:" + dataset + ", or --overwrite", otherData.getMessage());

    sweepAgain(out.toString(), spec, "--resume");

    ended.forEach((file, bytes) -> assertArrayEquals(bytes, read(out.resolve("journal/" + file)),
        file + " was recorded again"));
    models.forEach((id, mtime) -> assertEquals(mtime, modified(out.resolve("trials/" + id + "/model.zip")),
        "trial " + id + " was trained again"));
    Map<String, byte[]> after = journal(out);
    checkpointed.forEach((id, epoch) -> after.keySet().stream()
        .filter(f -> f.startsWith(id + ".") && !ended.containsKey(f)).sorted().findFirst()
        .ifPresent(f -> assertTrue(new String(after.get(f), StandardCharsets.UTF_8)
            .contains("\"firstEpoch\" : " + (epoch + 1)), id + " did not go on after its epoch-" + epoch
            + " checkpoint: " + new String(after.get(f), StandardCharsets.UTF_8))));

    String[] deterministic = {"trial_id", "configuration", "seed", "lr", "status", "metric", "best_epoch",
        "test_accuracy", "epoch_valid_accuracy", "epoch_train_loss", "run_dir"};
    List<Row> resumed = spark.read().parquet(out + "/trials.parquet").orderBy("trial_id")
        .selectExpr(deterministic).collectAsList();
    List<Row> reference = spark.createDataFrame(ashaReference(), spark.read().parquet(dir.resolve("asha")
        + "/trials.parquet").schema()).selectExpr(deterministic).collectAsList();
    assertEquals(reference, resumed);
  }

  /** This test JVM's java, module flags and class path, running the CLI with {@code args}. */
  private static List<String> childJvm(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Dlog4j2")).forEach(cmd::add);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SnnSpark.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The journal entries in a sweep directory (or its staging directory), by file name. */
  private static Map<String, byte[]> journal(Path sweep) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    Path journal = sweep.resolve("journal");
    if (Files.isDirectory(journal)) {
      try (Stream<Path> files = Files.list(journal)) {
        files.filter(f -> f.getFileName().toString().matches("\\d+\\.rung-\\d+\\.json"))
            .forEach(f -> entries.put(f.getFileName().toString(), read(f)));
      }
    }
    return entries;
  }

  private static java.util.Optional<Integer> newestCheckpoint(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return java.util.Optional.empty();
    }
    try (Stream<Path> files = Files.list(checkpoints)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("epoch-\\d+\\.json"))
          .map(n -> Integer.parseInt(n.substring(6, n.length() - 5))).max(Integer::compare);
    }
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long modified(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
