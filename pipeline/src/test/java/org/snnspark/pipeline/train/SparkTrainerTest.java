package org.snnspark.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.snnspark.models.engine.SynapticDelays;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.pipeline.cli.SnnSpark;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.report.EpochStats;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;

/**
 * The whole path on Spark local[2]: synthetic SHD-layout HDF5 -> Parquet dataset -> parameter
 * averaging over two workers -> a model that beats chance on held-out speakers' samples.
 */
class SparkTrainerTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static String dataset;

  @BeforeAll
  static void prepareDataset() {
    Path raw = dir.resolve("raw");
    new SyntheticShdGenerator(new SyntheticShdConfig().withSamples(320, 120).withClasses(4)
        .withChannels(96).withSeed(7)).generate(raw);
    int channels = 96;
    spark = SparkSessions.create("SparkTrainerTest", "local[2]", Map.of());
    SpikePreprocessConfig prep = new SpikePreprocessConfig();
    prep.setInputs(Map.of("train", raw.resolve("shd_train.h5").toString(),
        "test", raw.resolve("shd_test.h5").toString()));
    dataset = dir.resolve("dataset").toString();
    prep.setOutput(dataset);
    prep.setNSteps(50);
    prep.setChannels(channels);
    prep.setValidFraction(0.2);
    new SpikePreprocessJob(prep).run(spark);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static TrainConfig config(String output) {
    TrainConfig cfg = new TrainConfig();
    cfg.dataset = dataset;
    cfg.output = dir.resolve(output).toString();
    cfg.neuron = LifModel.RADLIF;
    cfg.hidden = new int[] {48};
    cfg.epochs = 8;
    cfg.batchSize = 16;
    cfg.workers = 2;
    cfg.averagingFrequency = 2;
    cfg.seed = 3;
    return cfg;
  }

  @Test
  void learnsTheSyntheticTaskAndWritesACompleteRun() throws Exception {
    TrainResult r = new SparkTrainer(config("run")).run(spark);

    assertEquals(8, r.epochs().size());
    assertNotNull(r.testAccuracy());
    // 4 classes: chance is 25%; only spike timing separates the classes
    assertTrue(r.testAccuracy() > 0.6, "test accuracy " + r.testAccuracy());
    // while throwing timing away leaves a rule near chance: the network learned timing
    PreparedDataset data = PreparedDataset.open(spark, dataset);
    double baseline = RateBaseline.accuracy(data.samples("train"), data.samples("test"), 96, 4);
    assertTrue(baseline < 0.45, "rate-only baseline " + baseline);
    assertTrue(r.testAccuracy() > baseline + 0.3, r.testAccuracy() + " vs baseline " + baseline);
    assertTrue(r.epochs().get(7).trainLoss() < r.epochs().get(0).trainLoss(),
        "loss should fall: " + r.epochs());
    for (EpochStats e : r.epochs()) {
      for (double rate : e.firingRates()) {
        assertTrue(rate > 0 && rate < 1, "firing rate " + rate);
      }
    }
    Path run = dir.resolve("run");
    for (String f : new String[] {"model.zip", "metrics.json", "metrics.csv", "run.toml",
        "loss.png", "accuracy.png", "spikes-input.png", "spikes-layer1.png", "membrane-layer1.png",
        "membrane-readout.png"}) {
      assertTrue(Files.size(run.resolve(f)) > 0, f);
    }
    assertEquals(9, Files.readAllLines(run.resolve("metrics.csv")).size(), "header + 8 epochs");
    try (var s = Files.list(dir)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("inprogress")));
    }

    // model.zip is the best epoch whole: its parameters with its own updater state and counters
    MultiLayerNetwork model = ModelStore.load(new Configuration(), run.resolve("model.zip").toString());
    MultiLayerNetwork best = ModelStore.load(new Configuration(), run.resolve("checkpoints")
        .resolve(String.format(java.util.Locale.ROOT, "best-epoch-%04d.zip", r.bestEpoch())).toString());
    assertTrue(r.bestEpoch() < 8, "the test needs a best epoch before the last, got " + r.bestEpoch());
    assertEquals(best.params(), model.params());
    assertEquals(best.getUpdater().getStateViewArray(), model.getUpdater().getStateViewArray());
    assertEquals(best.getLayerWiseConfigurations().getIterationCount(),
        model.getLayerWiseConfigurations().getIterationCount());
    assertEquals(r.bestEpoch(), model.getLayerWiseConfigurations().getEpochCount());

    // the saved model scores the same on the test split when evaluated on its own
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true));
    int code;
    try {
      code = SnnSpark.execute("evaluate", "--model", run.resolve("model.zip").toString(),
          "--dataset", dataset, "--split", "test", "--master", "local[2]");
    } finally {
      System.setOut(original);
    }
    assertEquals(0, code);
    String expected = String.format(java.util.Locale.ROOT, "test accuracy %.2f%%",
        100 * r.testAccuracy());
    assertTrue(captured.toString().contains(expected), captured + " vs " + expected);
  }

  @Test
  void aSplitThatTheDatasetLacksIsAnErrorNamingTheSplitsItHas() {
    TrainConfig valid = config("no-valid");
    valid.validSplit = "nosuch";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SparkTrainer(valid).run(spark));
    assertEquals("--valid-split nosuch: dataset " + dataset + " has no such split (it has [train,"
        + " valid, test])", e.getMessage());
    TrainConfig test = config("no-test");
    test.testSplit = "tset";
    e = assertThrows(IllegalArgumentException.class, () -> new SparkTrainer(test).run(spark));
    assertTrue(e.getMessage().startsWith("--test-split tset: dataset "), e.getMessage());
    assertFalse(Files.exists(dir.resolve("no-valid")) || Files.exists(dir.resolve("no-test")));
  }

  @Test
  void trainingStopsAtTheEpochThatReachesTheTargetAccuracy() {
    TrainConfig cfg = config("stop");
    cfg.stopAtAccuracy = 0.9;
    TrainResult r = new SparkTrainer(cfg).run(spark);
    int last = r.epochs().size();
    assertTrue(last < 8, "stopped after epoch " + last);
    assertTrue(r.epochs().get(last - 1).validAccuracy() >= 0.9, r.epochs().toString());
    for (int i = 0; i < last - 1; i++) {
      assertTrue(r.epochs().get(i).validAccuracy() < 0.9, r.epochs().toString());
    }
  }

  @Test
  void aResumedRunEndsExactlyWhereAnUninterruptedOneDoes() throws Exception {
    TrainConfig straight = config("straight");
    straight.epochs = 3; // with the default spike dropout: masks are reproducible too
    TrainResult expected = new SparkTrainer(straight).run(spark);

    TrainConfig interrupted = config("interrupted");
    interrupted.epochs = 3;
    SparkTrainer dying = new SparkTrainer(interrupted);
    dying.addEpochListener(stats -> {
      if (stats.epoch() == 1) {
        throw new IllegalStateException("killed after epoch 1");
      }
    });
    assertThrows(IllegalStateException.class, () -> dying.run(spark));
    assertFalse(Files.exists(dir.resolve("interrupted")), "no finished-looking output");
    assertTrue(Files.isDirectory(dir.resolve(".interrupted.inprogress/checkpoints")));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new SparkTrainer(interrupted).run(spark));
    assertTrue(refused.getMessage().contains("--resume"), refused.getMessage());

    interrupted.resume = true;
    TrainConfig otherwise = config("interrupted");
    otherwise.resume = true;
    otherwise.epochs = 5; // may change: the run's length
    otherwise.learningRate = 0.02;
    otherwise.hidden = new int[] {32};
    IllegalArgumentException changed = assertThrows(IllegalArgumentException.class,
        () -> new SparkTrainer(otherwise).run(spark));
    assertEquals("--resume: the interrupted run of file:" + dir.resolve("interrupted")
        + " was started with other settings: --hidden 32 (was 48), --lr 0.02 (was 0.01); resume with its settings"
        + " (--preset file:" + dir.resolve(".interrupted.inprogress/run.toml")
        + " repeats them) or start again with --overwrite", changed.getMessage());
    assertTrue(Files.isDirectory(dir.resolve(".interrupted.inprogress/checkpoints")), "still resumable");

    TrainResult resumed = new SparkTrainer(interrupted).run(spark);
    assertEquals(expected.epochs().size(), resumed.epochs().size());
    for (int i = 0; i < expected.epochs().size(); i++) {
      EpochStats a = expected.epochs().get(i);
      EpochStats b = resumed.epochs().get(i);
      assertEquals(a.trainLoss(), b.trainLoss(), "epoch " + (i + 1) + " loss");
      assertEquals(a.validAccuracy(), b.validAccuracy(), "epoch " + (i + 1) + " valid accuracy");
      assertEquals(a.learningRate(), b.learningRate(), "epoch " + (i + 1) + " learning rate");
    }
    assertEquals(expected.testAccuracy(), resumed.testAccuracy());
    assertEquals(
        ModelStore.load(new Configuration(), dir.resolve("straight/model.zip").toString()).params(),
        ModelStore.load(new Configuration(), dir.resolve("interrupted/model.zip").toString()).params(),
        "same parameters, bit for bit");
  }

  @Test
  void oneWorkerTrainsAlikeWhateverTheAveragingFrequency() throws Exception {
    // one worker has nothing to average: the frequency only says how often its state goes
    // through the driver, so it changes the run's time, never its result; nor does measuring the
    // gradient noise scale (on a copy of the network), which the second run does
    TrainResult[] runs = new TrainResult[2];
    int[] frequencies = {1, 5};
    for (int i = 0; i < 2; i++) {
      TrainConfig cfg = config("one-worker-f" + frequencies[i]);
      cfg.workers = 1;
      cfg.averagingFrequency = frequencies[i];
      cfg.epochs = 2;
      cfg.noiseScaleSamples = i == 1 ? 4 * cfg.batchSize : 0;
      runs[i] = new SparkTrainer(cfg).run(spark);
    }
    assertEquals(List.of(), runs[0].noiseScales());
    assertEquals(3, runs[1].noiseScales().size(), "before epoch 1, after epochs 1 and 2");
    for (GradientNoiseScale g : runs[1].noiseScales()) {
      assertEquals(4, g.minibatches());
      assertTrue(g.noiseScale() > 0 && g.gradientNormSquared() > 0, g.describe());
    }
    for (int e = 0; e < 2; e++) {
      assertEquals(runs[0].epochs().get(e).validAccuracy(), runs[1].epochs().get(e).validAccuracy(),
          "epoch " + (e + 1) + " valid accuracy");
    }
    assertEquals(
        ModelStore.load(new Configuration(), dir.resolve("one-worker-f1/model.zip").toString()).params(),
        ModelStore.load(new Configuration(), dir.resolve("one-worker-f5/model.zip").toString()).params(),
        "same parameters, bit for bit");
  }

  @Test
  void twoWorkersSharingTheCoresGiveTheSameResultOnEveryRun() throws Exception {
    // two layers wide enough for threaded GEMMs, a round per minibatch: a worker that finishes
    // first must not change the GEMM threads of the one still running
    for (String run : new String[] {"two-workers-a", "two-workers-b"}) {
      TrainConfig cfg = config(run);
      cfg.hidden = new int[] {128, 128};
      cfg.averagingFrequency = 1;
      cfg.epochs = 1;
      new SparkTrainer(cfg).run(spark);
    }
    assertEquals(
        ModelStore.load(new Configuration(), dir.resolve("two-workers-a/model.zip").toString()).params(),
        ModelStore.load(new Configuration(), dir.resolve("two-workers-b/model.zip").toString()).params(),
        "same parameters, bit for bit");
  }

  @Test
  void theSavedModelsDelaysAreWholeSteps() throws Exception {
    TrainConfig cfg = config("delays");
    cfg.workers = 1;
    cfg.hidden = new int[] {16};
    cfg.set(ModelSpec.DELAYS, 3);
    cfg.epochs = 1;
    new SparkTrainer(cfg).run(spark);
    MultiLayerNetwork saved = ModelStore.load(new Configuration(), dir.resolve("delays/model.zip").toString());
    int delayed = 0;
    for (Layer layer : saved.getLayers()) {
      INDArray sigma = layer.paramTable().get(SynapticDelays.SIGMA);
      if (sigma == null) {
        continue;
      }
      delayed++;
      assertEquals(0.0, sigma.getDouble(0), "sigma 0: whole steps");
      INDArray positions = layer.paramTable().get(SynapticDelays.POSITIONS);
      assertEquals(positions, Transforms.round(positions), "positions rounded");
    }
    assertTrue(delayed >= 1, "the spiking layer has delays");
  }
}
