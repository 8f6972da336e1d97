package org.snnspark.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.snnspark.pipeline.train.Cli.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.pipeline.io.LoopbackS3;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.audio.WavEncoder;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.InPlaceOutput;
import org.snnspark.preprocess.hdf5.Float16;
import org.snnspark.preprocess.hdf5.ShdH5Writer;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.DeadJob;
import picocli.CommandLine;

/**
 * Every job on a real S3-compatible store (S3Proxy on loopback, {@link LoopbackS3}) through s3a and
 * the CLI: SHD-layout HDF5 and WAV files uploaded, {@code preprocess spikes} and
 * {@code preprocess audio} s3a -> s3a, {@code verify}, {@code train} with the run directory on s3a,
 * {@code evaluate}, {@code predict} to s3a, and a run killed after an epoch finished by
 * {@code --resume} with the parameters of an uninterrupted one. Outputs on s3a are written in
 * place (CommitProtocol): a job failing half way, or killed before its manifest, leaves nothing
 * verify or train accept, and a re-run writes the same bytes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a request S3Proxy never answers fails the test, not the build
class S3EndToEndTest {
  private static final int CHANNELS = 16;
  @TempDir static Path tmp;
  static LoopbackS3 s3;
  static String uri;
  static String dataset;

  @BeforeAll
  static void uploadAndPreprocess() throws Exception {
    s3 = new LoopbackS3(tmp.resolve("s3"), "snn");
    uri = s3.uri();
    String raw = s3.put("/raw", new SyntheticShdGenerator(SyntheticShdConfig.defaults()
        .withSamples(64, 24).withClasses(4).withChannels(CHANNELS).withSeed(11))
        .generate(tmp.resolve("raw")).toArray(Path[]::new));
    dataset = uri + "/data/shd";
    Cli r = cli(withS3("preprocess", "spikes", "--input-dir", raw, "--output", dataset,
        "--channels", String.valueOf(CHANNELS), "--n-steps", "20", "--valid-fraction", "0.25",
        "--master", "local[2]"));
    assertEquals(0, r.code, r.toString());
    assertTrue(r.out.contains("dataset written"), r.toString());
  }

  @AfterAll
  static void stop() {
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    if (s3 != null) {
      s3.close();
    }
  }

  /** A Spark job's arguments with the store's settings, as a user passes them. */
  private static String[] withS3(String... args) {
    List<String> a = new ArrayList<>(List.of(args));
    for (String kv : s3.settings()) {
      a.addAll(List.of("--spark-conf", "spark.hadoop." + kv));
    }
    return a.toArray(String[]::new);
  }

  private static List<String> trainOptions(String output) {
    return List.of("--dataset", dataset, "--output", output, "--hidden", "8", "--epochs", "2",
        "--batch-size", "16", "--workers", "2", "--averaging-frequency", "1", "--dropout", "0",
        "--seed", "5", "--train-eval-samples", "16");
  }

  private static String[] trainArgs(String output, String... more) {
    List<String> a = new ArrayList<>(List.of("train"));
    a.addAll(trainOptions(output));
    a.addAll(List.of("--master", "local[2]"));
    a.addAll(List.of(more));
    return withS3(a.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void verifyTrainAndEvaluateOnS3() throws Exception {
    Cli verify = cli(withS3("verify", dataset));
    assertEquals(0, verify.code, verify.toString());
    assertTrue(verify.out.contains("OK ("), verify.toString());
    assertEquals(List.of("manifest.json", "split=test", "split=train", "split=valid"), s3.list(dataset));

    String run = uri + "/runs/straight";
    Cli train = cli(trainArgs(run));
    assertEquals(0, train.code, train.toString());
    assertTrue(train.out.contains("run written to " + run), train.toString());
    assertEquals(List.of("straight"), s3.list(uri + "/runs"), "nothing else in runs/");
    assertTrue(s3.list(run).containsAll(List.of("checkpoints", "metrics.csv", "model.zip", "run.toml",
        "loss.png")), s3.list(run).toString());
    String testAccuracy = train.out.lines().filter(l -> l.startsWith("test accuracy")).findFirst()
        .orElseThrow(() -> new AssertionError(train.toString()));

    Cli eval = cli(withS3("evaluate", "--model", run + "/model.zip", "--dataset", dataset, "--split", "test",
        "--master", "local[2]"));
    assertEquals(0, eval.code, eval.toString());
    assertTrue(eval.out.contains(testAccuracy + " (24 samples)"), eval + " vs " + testAccuracy);

    String preds = uri + "/preds/straight";
    Cli predict = cli(withS3("predict", "--model", run + "/model.zip", "--dataset", dataset, "--split", "test",
        "--output", preds, "--master", "local[2]"));
    assertEquals(0, predict.code, predict.toString());
    assertEquals(List.of("predictions.json", "split=test"), s3.list(preds), "committed: no marker left");
  }

  @Test
  @Order(2)
  void aKilledRunResumesOnS3AsIfUninterrupted() throws Exception {
    String run = uri + "/runs/killed";
    SparkTrainer dying = new SparkTrainer(CommandLine.populateCommand(new TrainConfig(),
        trainOptions(run).toArray(String[]::new)));
    dying.addEpochListener(stats -> {
      if (stats.epoch() == 1) {
        throw new IllegalStateException("killed after epoch 1");
      }
    });
    SparkSession spark = SparkSessions.create("S3EndToEndTest", "local[2]", Map.of());
    try {
      IllegalStateException killed = assertThrows(IllegalStateException.class, () -> dying.run(spark));
      assertTrue(killed.getMessage().contains("after epoch 1"), killed.getMessage());
    } finally {
      spark.stop();
    }
    Cli eval = cli(withS3("evaluate", "--model", run + "/model.zip", "--dataset", dataset, "--master", "local[2]"));
    assertEquals(1, eval.code, eval.toString());
    Cli again = cli(trainArgs(run));
    assertEquals(1, again.code, again.toString());
    assertTrue(again.err.contains("--resume"), again.toString());

    Cli resumed = cli(trainArgs(run, "--resume"));
    assertEquals(0, resumed.code, resumed.toString());
    assertEquals(s3.read(uri + "/runs/straight/metrics.csv").lines().map(Cli::withoutTimings)
            .collect(Collectors.toList()),
        s3.read(run + "/metrics.csv").lines().map(Cli::withoutTimings).collect(Collectors.toList()),
        "the resumed run's epochs are the uninterrupted run's");
    assertEquals(ModelStore.load(s3.conf(), uri + "/runs/straight/model.zip").params(),
        ModelStore.load(s3.conf(), run + "/model.zip").params(), "same parameters, bit for bit");
  }

  @Test
  @Order(3)
  void audioPreprocessingReadsAndWritesS3() throws Exception {
    Path local = tmp.resolve("tones");
    for (String cls : List.of("high", "low")) {
      Files.createDirectories(local.resolve(cls));
      List<Path> files = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        float[] x = new float[3200];
        double hz = (cls.equals("low") ? 300 : 1200) * (1 + 0.05 * k);
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        files.add(Files.write(local.resolve(cls + "/" + k + ".wav"), WavEncoder.pcm16(x, 16000)));
      }
      s3.put("/tones/" + cls, files.toArray(Path[]::new));
    }
    String out = uri + "/data/tones";
    Cli pre = cli(withS3("preprocess", "audio", "--input-dir", uri + "/tones", "--output", out,
        "--corpus", "FOLDERS", "--test-fraction", "0.34", "--master", "local[2]"));
    assertEquals(0, pre.code, pre.toString());
    Cli verify = cli(withS3("verify", out));
    assertEquals(0, verify.code, verify.toString());
    assertTrue(verify.out.contains("6 rows"), verify.toString());
  }

  @Test
  @Order(4)
  void aJobFailingOrKilledBeforeItsManifestLeavesNothingAcceptedAndARerunGivesTheSameBytes() throws Exception {
    // a real failure half way: a corrupt sample stops the shard writes; the job deletes what it wrote
    short[][] times = new short[12][];
    int[][] units = new int[12][];
    for (int i = 0; i < times.length; i++) {
      times[i] = new short[] {Float16.fromFloat(0.1f), Float16.fromFloat(0.2f)};
      units[i] = new int[] {1, 2};
    }
    units[7][1] = CHANNELS; // past the channel count
    Path bad = tmp.resolve("bad/shd_train.h5");
    Files.createDirectories(bad.getParent());
    try (ShdH5Writer w = new ShdH5Writer(bad, times.length)) {
      w.writeSpikes(0, times, units);
      w.writeLabels(new int[times.length]);
      w.writeKeys(List.of("a", "b"));
    }
    s3.put("/bad", bad);
    String broken = uri + "/data/broken";
    Cli pre = cli(withS3("preprocess", "spikes", "--input", "train=" + uri + "/bad/shd_train.h5", "--output",
        broken, "--channels", String.valueOf(CHANNELS), "--n-steps", "20", "--master", "local[2]"));
    assertEquals(1, pre.code, pre.toString());
    assertTrue(pre.err.contains("sample 7"), pre.toString());
    assertFalse(exists(broken), "nothing left at " + broken);

    // what a job killed between its last shard and its manifest leaves: every shard under its final
    // name, no manifest, the marker naming a job that has ended
    String killed = uri + "/data/killed";
    String[] preprocess = withS3("preprocess", "spikes", "--input-dir", uri + "/raw", "--output", killed,
        "--channels", String.valueOf(CHANNELS), "--n-steps", "20", "--valid-fraction", "0.25", "--master", "local[2]");
    assertEquals(0, cli(preprocess).code);
    Map<String, byte[]> committed = files(killed);
    assertFalse(committed.containsKey(InPlaceOutput.UNFINISHED), "a finished output has no marker");
    s3.fs().delete(new org.apache.hadoop.fs.Path(killed + "/" + DatasetManifest.FILE_NAME), false);
    s3.write(killed + "/" + InPlaceOutput.UNFINISHED, DeadJob.owner().tag());

    Cli verify = cli(withS3("verify", killed));
    assertEquals(3, verify.code, verify.toString());
    assertTrue(verify.out.contains("an unfinished dataset") || verify.err.contains("an unfinished dataset"),
        verify.toString());
    Cli train = cli(Arrays.stream(trainArgs(uri + "/runs/on-killed")).map(a -> a.equals(dataset) ? killed : a)
        .toArray(String[]::new));
    assertEquals(1, train.code, train.toString());
    assertFalse(exists(uri + "/runs/on-killed"));

    Cli rerun = cli(preprocess); // no --overwrite: the dead job's files are removed
    assertEquals(0, rerun.code, rerun.toString());
    Map<String, byte[]> again = files(killed);
    assertEquals(committed.keySet(), again.keySet());
    committed.forEach((name, bytes) -> assertArrayEquals(bytes, again.get(name), name + ": the same bytes"));

    // a file the manifest does not list (left by some other writer): verify reports it, train does not read it
    s3.write(killed + "/split=train/part-00007.parquet", "not a shard");
    Cli leftover = cli(withS3("verify", killed));
    assertEquals(3, leftover.code, leftover.toString());
    assertTrue(leftover.out.contains("part-00007.parquet: not listed"), leftover.toString());
  }

  /** Every file under {@code dir} (relative name -> bytes). */
  private static Map<String, byte[]> files(String dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    var it = s3.fs().listFiles(new org.apache.hadoop.fs.Path(dir), true);
    while (it.hasNext()) {
      String p = it.next().getPath().toString();
      out.put(p.substring(dir.length() + 1), s3.readBytes(p));
    }
    return out;
  }

  private static boolean exists(String path) throws IOException {
    return s3.fs().exists(new org.apache.hadoop.fs.Path(path));
  }
}
