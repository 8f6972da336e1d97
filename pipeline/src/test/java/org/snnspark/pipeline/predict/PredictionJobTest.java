package org.snnspark.pipeline.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.pipeline.train.SparkTrainer;
import org.snnspark.pipeline.train.SplitEvaluator;
import org.snnspark.pipeline.train.TrainConfig;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import scala.collection.JavaConverters;

/** predict on Spark local[2]: a model trained for two epochs on a small SHD-layout dataset. */
class PredictionJobTest {
  private static final int CHANNELS = 64;
  private static final int CLASSES = 4;

  @TempDir static Path dir;
  static SparkSession spark;
  static String dataset;
  static String model;

  @BeforeAll
  static void trainAModel() {
    Path raw = dir.resolve("raw");
    new SyntheticShdGenerator(new SyntheticShdConfig().withSamples(200, 90).withClasses(CLASSES)
        .withChannels(CHANNELS).withSeed(11)).generate(raw);
    spark = SparkSessions.create("PredictionJobTest", "local[2]", Map.of());
    SpikePreprocessConfig prep = new SpikePreprocessConfig();
    prep.setInputs(Map.of("train", raw.resolve("shd_train.h5").toString(),
        "test", raw.resolve("shd_test.h5").toString()));
    dataset = dir.resolve("dataset").toString();
    prep.setOutput(dataset);
    prep.setNSteps(40);
    prep.setChannels(CHANNELS);
    prep.setValidFraction(0.2);
    prep.setShardsPerSplit(2); // two partitions, so two part files
    new SpikePreprocessJob(prep).run(spark);

    TrainConfig cfg = new TrainConfig();
    cfg.dataset = dataset;
    cfg.output = dir.resolve("run").toString();
    cfg.neuron = LifModel.RADLIF;
    cfg.hidden = new int[] {24, 16};
    cfg.epochs = 2;
    cfg.batchSize = 16;
    cfg.workers = 1;
    cfg.seed = 5;
    new SparkTrainer(cfg).run(spark);
    model = dir.resolve("run").resolve("model.zip").toString();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void predictionsAgreeWithEvaluateOnEverySample() {
    PredictionManifest m = PredictionJob.run(spark, model, dataset, List.of("test", "valid"),
        dir.resolve("preds").toString(), false);

    PreparedDataset data = PreparedDataset.open(spark, dataset);
    MultiLayerNetwork net = ModelStore.load(new Configuration(), model);
    Evaluation ev = SplitEvaluator.evaluate(new SparkDl4jMultiLayer(
        new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext()), net,
        new ParameterAveragingTrainingMaster.Builder(1).build()), data.samples("test"), data.batchBuilder());
    PredictionManifest.Split test = m.splits().get(0);
    assertEquals("test", test.split());
    assertEquals(data.count("test"), test.rows());
    assertEquals(test.rows(), test.labelled());
    assertEquals(ev.accuracy(), test.accuracy(), 1e-12);

    List<Row> rows = spark.read().parquet(dir.resolve("preds").resolve("split=test").toString())
        .collectAsList();
    long[][] confusion = new long[CLASSES][CLASSES];
    for (Row r : rows) {
      confusion[r.<Integer>getAs(FrameSchema.LABEL)][r.<Integer>getAs(PredictionSchema.PREDICTED)]++;
      List<Float> scores = JavaConverters.seqAsJavaList(r.getSeq(r.fieldIndex(PredictionSchema.SCORES)));
      assertEquals(CLASSES, scores.size());
      assertEquals(1.0, scores.stream().mapToDouble(Float::doubleValue).sum(), 1e-4, "softmax probabilities");
      assertEquals(data.classNames().get(r.<Integer>getAs(PredictionSchema.PREDICTED)),
          r.getAs(PredictionSchema.PREDICTED_NAME));
      List<Integer> spikes = JavaConverters.seqAsJavaList(r.getSeq(r.fieldIndex(PredictionSchema.LAYER_SPIKES)));
      assertEquals(2, spikes.size(), "one count per hidden layer");
      assertTrue(spikes.stream().allMatch(s -> s >= 0 && s <= 40 * 24), spikes.toString());
    }
    assertArrayEquals(SplitEvaluator.confusion(ev, CLASSES), confusion);
    assertEquals(data.rows("test").select(FrameSchema.SAMPLE_ID).collectAsList().stream()
        .map(r -> r.getString(0)).sorted().toList(),
        rows.stream().map(r -> r.<String>getAs(FrameSchema.SAMPLE_ID)).sorted().toList());
    assertTrue(List.of(rows.get(0).schema().fieldNames()).containsAll(List.of(FrameSchema.SPEAKER,
        FrameSchema.SOURCE_FILE, FrameSchema.SOURCE_INDEX)), "id columns carried over");
  }

  @Test
  void aReRunWritesTheSameBytesAndOverwriteReplacesOnlyPredictions() throws Exception {
    PredictionManifest a = PredictionJob.run(spark, model, dataset, List.of("train"),
        dir.resolve("a").toString(), false);
    PredictionManifest b = PredictionJob.run(spark, model, dataset, List.of("train"),
        dir.resolve("b").toString(), false);
    assertEquals(2, a.splits().get(0).files().size(), "one file per input partition");
    assertEquals(a.splits(), b.splits(), "same files, rows and sha256");
    for (PredictionManifest.PartFile f : a.splits().get(0).files()) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f.path())),
          Files.readAllBytes(dir.resolve("b").resolve(f.path())));
    }
    assertTrue(Files.exists(dir.resolve("a").resolve(PredictionManifest.FILE_NAME)));

    PredictionJob.run(spark, model, dataset, List.of("test"), dir.resolve("a").toString(), true);
    assertFalse(Files.exists(dir.resolve("a").resolve("split=train")), "replaced, not merged");
    assertThrows(IllegalArgumentException.class, () -> PredictionJob.run(spark, model, dataset,
        List.of("test"), dir.resolve("b").toString(), false), "exists without --overwrite");
    Exception e = assertThrows(OptionException.class, () -> PredictionJob.run(spark, model, dataset,
        List.of("test"), dataset, true));
    assertTrue(e.getMessage().contains(PredictionManifest.FILE_NAME), e.getMessage());
    try (Stream<Path> s = Files.list(dir)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("inprogress")),
          "no staging directory left behind");
    }
  }

  @Test
  void theTransformerGivesTheWrittenRowsAndTakesRowsWithoutLabels() {
    PreparedDataset data = PreparedDataset.open(spark, dataset);
    MultiLayerNetwork net = ModelStore.load(new Configuration(), model);
    Predictor predictor = Predictor.of(spark, net, data.batchBuilder(), true, data.classNames());
    PredictionJob.run(spark, model, dataset, List.of("valid"), dir.resolve("v").toString(), false);
    Dataset<Row> written = spark.read().parquet(dir.resolve("v").resolve("split=valid").toString());

    Dataset<Row> transformed = predictor.transform(data.rows("valid"));
    // names and types (a Parquet reader reports every column nullable)
    assertEquals(written.schema().catalogString(), transformed.schema().catalogString());
    assertEquals(written.collectAsList(), transformed.collectAsList());

    Dataset<Row> unlabelled = predictor.transform(data.rows("valid")
        .drop(FrameSchema.LABEL, FrameSchema.LABEL_NAME));
    assertFalse(List.of(unlabelled.schema().fieldNames()).contains(FrameSchema.LABEL));
    assertEquals(written.select(PredictionSchema.PREDICTED).collectAsList(),
        unlabelled.select(PredictionSchema.PREDICTED).collectAsList(), "labels play no part");
  }

  @Test
  void theNetworkIsASparkMlStageThatSavesAndLoads() throws Exception {
    PreparedDataset data = PreparedDataset.open(spark, dataset);
    NetworkTransformer stage = NetworkTransformer.of(spark, model, dataset).setBatchSize(7);
    Dataset<Row> rows = data.rows("valid");
    Dataset<Row> out = stage.transform(rows);
    assertEquals(rows.columns().length + PredictionSchema.PREDICTION_COLUMNS.size(), out.columns().length,
        "every input column kept, the predictions appended");
    String viaJobDir = dir.resolve("stage-preds").toString();
    PredictionJob.run(spark, model, dataset, List.of("valid"), viaJobDir, false);
    Dataset<Row> viaJob = spark.read().parquet(viaJobDir + "/split=valid");
    assertEquals(viaJob.select(PredictionSchema.PREDICTED, PredictionSchema.SCORES).collectAsList(),
        out.select(PredictionSchema.PREDICTED, PredictionSchema.SCORES).collectAsList(),
        "a batch of 7 predicts what batches of 64 do");

    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {stage}).fit(rows);
    String saved = dir.resolve("pipeline-model").toString();
    pipeline.write().save(saved);
    PipelineModel loaded = PipelineModel.load(saved);
    NetworkTransformer back = (NetworkTransformer) loaded.stages()[0];
    assertEquals(stage.uid(), back.uid());
    assertEquals(7, back.getBatchSize());
    assertEquals(out.collectAsList(), loaded.transform(rows).collectAsList());

    Exception missing = assertThrows(IllegalArgumentException.class,
        () -> stage.transform(rows.drop(FrameSchema.SPIKE_TIME)));
    assertTrue(missing.getMessage().contains(FrameSchema.SPIKE_TIME), missing.getMessage());
  }

  @Test
  void aModelForOtherShapesIsRefusedNamingBoth() throws Exception {
    Path other = dir.resolve("other.zip");
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(
        new ModelSpec().withHidden(8), CHANNELS + 6, CLASSES, 1, new Adam(1e-3)));
    net.init();
    ModelStore.save(net, FileSystem.getLocal(new Configuration()),
        new org.apache.hadoop.fs.Path(other.toString()));
    Exception e = assertThrows(OptionException.class, () -> PredictionJob.run(spark,
        other.toString(), dataset, List.of("test"), dir.resolve("never").toString(), false));
    assertTrue(e.getMessage().contains("takes " + (CHANNELS + 6) + " input channels")
        && e.getMessage().contains("has " + CHANNELS), e.getMessage());
    assertFalse(Files.exists(dir.resolve("never")));

    Exception split = assertThrows(OptionException.class, () -> PredictionJob.run(spark, model,
        dataset, List.of("tset"), dir.resolve("never").toString(), false));
    assertTrue(split.getMessage().contains("'tset' is not a split")
        && split.getMessage().contains("valid values: "), split.getMessage());
  }

}
