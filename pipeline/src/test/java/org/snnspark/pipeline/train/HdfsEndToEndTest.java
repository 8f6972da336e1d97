package org.snnspark.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.snnspark.pipeline.train.Cli.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.hdf5.Float16;
import org.snnspark.preprocess.hdf5.ShdH5Writer;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.MiniHdfs;
import picocli.CommandLine;

/**
 * Every job on a real HDFS (a MiniDFSCluster on loopback, started and stopped here) through the
 * CLI: SHD-layout HDF5 uploaded to HDFS, {@code preprocess spikes} hdfs -> hdfs, {@code verify},
 * {@code train} with the run directory on HDFS, {@code evaluate} and {@code predict} from there;
 * and failures half way (a corrupt sample, a training run killed after an epoch) leave nothing on
 * HDFS that {@code verify}, {@code train} or {@code evaluate} accept, while {@code --resume}
 * finishes the killed run with the parameters of an uninterrupted one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HdfsEndToEndTest {
  private static final int CHANNELS = 32;
  @TempDir static Path tmp;
  static MiniHdfs hdfs;
  static String uri;
  static String dataset;

  @BeforeAll
  static void uploadAndPreprocess() throws Exception {
    hdfs = new MiniHdfs(tmp.resolve("hdfs").toFile());
    uri = hdfs.uri();
    String raw = hdfs.put("/raw", new SyntheticShdGenerator(SyntheticShdConfig.defaults()
        .withSamples(128, 40).withClasses(4).withChannels(CHANNELS).withSeed(11))
        .generate(tmp.resolve("raw")).toArray(Path[]::new));
    dataset = uri + "/data/shd";
    Cli r = cli("preprocess", "spikes", "--input-dir", raw, "--output", dataset,
        "--channels", String.valueOf(CHANNELS), "--n-steps", "25", "--valid-fraction", "0.25",
        "--master", "local[2]");
    assertEquals(0, r.code, r.toString());
    assertTrue(r.out.contains("dataset written"), r.toString());
    assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path(dataset + "/manifest.json")));
  }

  @AfterAll
  static void stop() {
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /** The training options of every run here (the CLI's and the API's runs must be the same). */
  private static List<String> trainOptions(String output) {
    return List.of("--dataset", dataset, "--output", output, "--hidden", "16", "--epochs", "2",
        "--batch-size", "16", "--workers", "2", "--averaging-frequency", "2", "--dropout", "0",
        "--seed", "5", "--train-eval-samples", "32");
  }

  private static String[] trainArgs(String output, String... more) {
    List<String> a = new ArrayList<>(List.of("train"));
    a.addAll(trainOptions(output));
    a.addAll(List.of("--master", "local[2]"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static TrainConfig trainConfig(String output) {
    return CommandLine.populateCommand(new TrainConfig(), trainOptions(output).toArray(String[]::new));
  }

  @Test
  @Order(1)
  void verifyTrainAndEvaluateOnHdfs() throws Exception {
    Cli verify = cli("verify", dataset);
    assertEquals(0, verify.code, verify.toString());
    assertTrue(verify.out.contains("OK ("), verify.toString());
    assertEquals(List.of("manifest.json", "split=test", "split=train", "split=valid"), names(dataset));

    String run = uri + "/runs/straight";
    Cli train = cli(trainArgs(run));
    assertEquals(0, train.code, train.toString());
    assertTrue(train.out.contains("run written to " + run), train.toString());
    assertEquals(List.of("straight"), names(uri + "/runs"), "no staging directory left");
    // the run, its reports (plots) included, went to HDFS
    assertTrue(names(run).containsAll(List.of("checkpoints", "metrics.csv", "metrics.json", "model.zip",
        "run.toml", "loss.png", "accuracy.png")), names(run).toString());
    byte[] magic = new byte[4];
    try (var in = hdfs.fs().open(new org.apache.hadoop.fs.Path(run + "/loss.png"))) {
      in.readFully(magic);
    }
    assertEquals("\u0089PNG", new String(magic, StandardCharsets.ISO_8859_1), "a PNG file");
    assertEquals(3, read(run + "/metrics.csv").split("\n").length, "header + 2 epochs");
    String testAccuracy = train.out.lines().filter(l -> l.startsWith("test accuracy")).findFirst()
        .orElseThrow(() -> new AssertionError(train.toString()));

    // evaluate with full URIs, then with plain paths against fs.defaultFS = the cluster
    Cli eval = cli("evaluate", "--model", run + "/model.zip", "--dataset", dataset, "--split", "test",
        "--master", "local[2]");
    assertEquals(0, eval.code, eval.toString());
    assertTrue(eval.out.contains(testAccuracy + " (40 samples)"), eval + " vs " + testAccuracy);
    Cli plain = cli("evaluate", "--model", "/runs/straight/model.zip", "--dataset", "/data/shd",
        "--split", "test", "--master", "local[2]", "--spark-conf", "spark.hadoop.fs.defaultFS=" + uri);
    assertEquals(0, plain.code, plain.toString());
    assertTrue(plain.out.contains(testAccuracy), plain.toString());

    // predictions of the same split, written to HDFS: evaluate's accuracy, sample by sample
    String preds = uri + "/preds/straight";
    Cli predict = cli("predict", "--model", run + "/model.zip", "--dataset", dataset, "--split", "test",
        "--output", preds, "--master", "local[2]");
    assertEquals(0, predict.code, predict.toString());
    assertEquals(List.of("predictions.json", "split=test"), names(preds));
    var split = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(read(preds + "/predictions.json")).get("splits").get(0);
    assertEquals(40, split.get("labelled").asLong());
    assertEquals(testAccuracy, String.format(java.util.Locale.ROOT, "test accuracy %.2f%%",
        100.0 * split.get("correct").asLong() / split.get("labelled").asLong()));

    List<String> listening = MiniHdfs.listeningAddresses();
    assertTrue(listening.stream().allMatch(MiniHdfs::isLoopback), "listening on " + listening);
  }

  @Test
  @Order(2)
  void aKilledRunLeavesNothingAcceptedAndResumesOnHdfs() throws Exception {
    String run = uri + "/runs/killed";
    SparkTrainer dying = new SparkTrainer(trainConfig(run));
    dying.addEpochListener(stats -> {
      if (stats.epoch() == 1) {
        throw new IllegalStateException("killed after epoch 1");
      }
    });
    SparkSession spark = SparkSessions.create("HdfsEndToEndTest", "local[2]", Map.of());
    try {
      IllegalStateException killed = assertThrows(IllegalStateException.class, () -> dying.run(spark));
      assertTrue(killed.getMessage().contains("after epoch 1"), killed.getMessage());
    } finally {
      spark.stop();
    }
    String staging = uri + "/runs/.killed.inprogress";
    assertFalse(hdfs.fs().exists(new org.apache.hadoop.fs.Path(run)), "no finished-looking output");
    assertEquals(List.of("epoch-0001.json", "epoch-0001.zip", "best-epoch-0001.zip").stream().sorted()
        .collect(Collectors.toList()), names(staging + "/checkpoints"));
    // as if killed while writing epoch 2: a complete-looking model without its state file, and a
    // half-written state file under its temporary name
    hdfs.write(staging + "/checkpoints/epoch-0002.zip", "not a model");
    hdfs.write(staging + "/checkpoints/_tmp.epoch-0002.json", "{\"epoch\": 2, \"checkpoint\": ");

    Cli eval = cli("evaluate", "--model", run + "/model.zip", "--dataset", dataset, "--master", "local[2]");
    assertEquals(1, eval.code, eval.toString());
    assertTrue(eval.err.contains("does not exist"), eval.toString());
    Cli again = cli(trainArgs(run));
    assertEquals(1, again.code, again.toString());
    assertTrue(again.err.contains("--resume"), again.toString());

    Cli resumed = cli(trainArgs(run, "--resume"));
    assertEquals(0, resumed.code, resumed.toString());
    assertEquals(List.of("killed", "straight"), names(uri + "/runs"), "staging renamed into place");
    assertEquals(read(uri + "/runs/straight/metrics.csv").lines().map(Cli::withoutTimings)
            .collect(Collectors.toList()),
        read(run + "/metrics.csv").lines().map(Cli::withoutTimings).collect(Collectors.toList()),
        "the resumed run's epochs are the uninterrupted run's");
    Configuration conf = new Configuration();
    assertEquals(ModelStore.load(conf, uri + "/runs/straight/model.zip").params(),
        ModelStore.load(conf, run + "/model.zip").params(), "same parameters, bit for bit");
  }

  @Test
  @Order(3)
  void aCorruptSampleOrAHalfCopiedDatasetLeavesNothingThatVerifyOrTrainAccept() throws Exception {
    int n = 12;
    short[][] times = new short[n][];
    int[][] units = new int[n][];
    for (int i = 0; i < n; i++) {
      times[i] = new short[] {Float16.fromFloat(0.1f), Float16.fromFloat(0.2f)};
      units[i] = new int[] {1, 2};
    }
    units[7][1] = CHANNELS; // past the channel count
    Path bad = tmp.resolve("bad/shd_train.h5");
    java.nio.file.Files.createDirectories(bad.getParent());
    try (ShdH5Writer w = new ShdH5Writer(bad, n)) {
      w.writeSpikes(0, times, units);
      w.writeLabels(new int[n]);
      w.writeKeys(List.of("a", "b"));
    }
    hdfs.put("/bad", bad);

    String out = uri + "/data/broken";
    Cli pre = cli("preprocess", "spikes", "--input", "train=" + uri + "/bad/shd_train.h5", "--output", out,
        "--channels", String.valueOf(CHANNELS), "--n-steps", "25", "--master", "local[2]");
    assertEquals(1, pre.code, pre.toString());
    assertTrue(pre.err.contains("sample 7") && pre.err.contains("unit " + CHANNELS), pre.toString());
    assertEquals(List.of("shd"), names(uri + "/data"), "no output and no temporary directory");

    Cli verify = cli("verify", out);
    assertEquals(3, verify.code, verify.toString());
    Cli train = cli(replace(trainArgs(uri + "/runs/broken"), dataset, out));
    assertEquals(1, train.code, train.toString());

    // what a copy of a dataset (hdfs dfs -cp, distcp) stopped half way leaves: the
    // manifest and only some shards. verify reports it, train refuses it before any Spark work.
    String partial = uri + "/data/partial";
    org.apache.hadoop.fs.FileUtil.copy(hdfs.fs(), new org.apache.hadoop.fs.Path(dataset + "/manifest.json"),
        hdfs.fs(), new org.apache.hadoop.fs.Path(partial + "/manifest.json"), false, hdfs.conf());
    org.apache.hadoop.fs.FileUtil.copy(hdfs.fs(), new org.apache.hadoop.fs.Path(dataset + "/split=test"),
        hdfs.fs(), new org.apache.hadoop.fs.Path(partial + "/split=test"), false, hdfs.conf());
    assertEquals(3, cli("verify", partial).code);
    Cli half = cli(replace(trainArgs(uri + "/runs/partial"), dataset, partial));
    assertEquals(1, half.code, half.toString());
    assertTrue(half.err.contains("is incomplete") && half.err.contains("split=train/part-00000.parquet missing"),
        half.toString());
    assertEquals(List.of("killed", "straight"), names(uri + "/runs"), "no run output, no staging directory");
  }

  @Test
  @Order(4)
  void audioPreprocessingReadsAndWritesHdfs() throws Exception {
    // a FOLDERS corpus of 2 classes x 4 short tones, WAV files on HDFS
    Path local = tmp.resolve("tones");
    for (String cls : List.of("high", "low")) {
      java.nio.file.Files.createDirectories(local.resolve(cls));
      for (int k = 0; k < 4; k++) {
        float[] x = new float[4800];
        double hz = (cls.equals("low") ? 300 : 1200) * (1 + 0.05 * k);
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        java.nio.file.Files.write(local.resolve(cls + "/" + k + ".wav"),
            org.snnspark.preprocess.audio.WavEncoder.pcm16(x, 16000));
      }
      hdfs.put("/tones/" + cls, local.resolve(cls + "/0.wav"), local.resolve(cls + "/1.wav"),
          local.resolve(cls + "/2.wav"), local.resolve(cls + "/3.wav"));
    }
    String out = uri + "/data/tones";
    Cli pre = cli("preprocess", "audio", "--input-dir", uri + "/tones", "--output", out,
        "--corpus", "FOLDERS", "--test-fraction", "0.25", "--master", "local[2]");
    assertEquals(0, pre.code, pre.toString());
    Cli verify = cli("verify", out);
    assertEquals(0, verify.code, verify.toString());
    assertTrue(verify.out.contains("8 rows"), verify.toString());
    assertTrue(names(out).contains("manifest.json"), names(out).toString());
  }

  private static String[] replace(String[] args, String from, String to) {
    return Arrays.stream(args).map(a -> a.equals(from) ? to : a).toArray(String[]::new);
  }

  private static List<String> names(String dir) throws IOException {
    return hdfs.list(dir);
  }

  private static String read(String file) throws IOException {
    return hdfs.read(file);
  }
}
