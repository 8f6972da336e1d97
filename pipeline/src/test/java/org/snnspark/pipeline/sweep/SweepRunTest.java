package org.snnspark.pipeline.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.pipeline.cli.SnnSpark;
import org.snnspark.pipeline.data.SynthSpikeDataset;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.synth.SyntheticShdConfig;

/** {@code sweep} end to end on Spark local mode: two neuron models x two seeds, two trials at a time. */
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
  }

  /** Runs {@code spec} (after tiny fixed options) as the CLI would; its trials.parquet rows by trial id. */
  private static List<Row> sweep(String out, String spec, int parallel) throws Exception {
    Path file = Path.of(out + ".toml");
    Files.writeString(file, "epochs = 2\nhidden = [16]\nbatch-size = 16\ntrain-eval-samples = 0\n" + spec);
    assertEquals(0, SnnSpark.execute("sweep", "--spec", file.toString(), "--dataset", dataset,
        "--output", out, "--parallel", Integer.toString(parallel), "--master", "local[2]"));
    return spark.read().parquet(out + "/trials.parquet").orderBy("trial_id").collectAsList();
  }

  private static double metric(Row r) {
    return r.<Double>getAs("metric");
  }

  @Test
  void earlyStoppingStopsATrialBelowTheBestAtARungAndKeepsItResumable() throws Exception {
    String out = dir.resolve("asha").toString();
    // one at a time: the trained trial reaches the rung first, so the untrained one meets its score
    List<Row> rows = sweep(out, """
        neuron = "ADLIF"
        [grid]
        lr = [0.02, 1e-9]
        [early-stopping]
        rungs = [1]
        keep = 0.5
        """, 1);
    assertEquals(List.of("SUCCEEDED", "STOPPED"), rows.stream().map(r -> r.<String>getAs("status")).toList());
    assertEquals(2, rows.get(0).<scala.collection.Seq<Double>>getAs("epoch_valid_accuracy").size());
    assertEquals(1, rows.get(1).<scala.collection.Seq<Double>>getAs("epoch_valid_accuracy").size());
    assertEquals("trials/.001.inprogress", rows.get(1).getAs("run_dir"));
    assertTrue(Files.isDirectory(Path.of(out, "trials", ".001.inprogress", "checkpoints")));
    assertTrue(Files.readAllLines(Path.of(out, "leaderboard.txt")).get(2).contains("stopped"));
  }
}
