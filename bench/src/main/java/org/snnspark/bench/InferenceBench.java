package org.snnspark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.predict.PredictionJob;
import org.snnspark.pipeline.predict.PredictionManifest;
import org.snnspark.pipeline.train.SplitEvaluator;
import org.snnspark.pipeline.train.TrainConfig;

/**
 * Writing every sample's prediction against scoring the same split: {@code train}'s default
 * network (untrained: inference costs what a trained one's does) saved as model.zip, over the
 * split a {@link PreprocessBench} job wrote, each run from the model file as the commands start:
 * <ul>
 *   <li>{@link #evaluate}: what {@code evaluate} does, accuracy and confusion matrix;</li>
 *   <li>{@link #predict}: {@link PredictionJob}, one Parquet row per sample and the manifest,
 *       committed (replacing the previous run's output).</li>
 * </ul>
 */
final class InferenceBench implements AutoCloseable {
  static final String SPLIT = "train";

  private final Path dir;
  private final String dataset;
  private final String model;
  private final long samples;
  private final ModelSpec network = new TrainConfig().modelSpec();

  InferenceBench(SparkSession spark, PreprocessBench source, long seed) throws IOException {
    source.job(spark);
    this.dataset = source.dataset().toString();
    this.dir = Files.createTempDirectory("snn-spark-bench-inference-");
    this.model = dir.resolve("model.zip").toString();
    PreparedDataset data = PreparedDataset.open(spark, dataset);
    this.samples = data.count(SPLIT);
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(network,
        data.batchBuilder().channels(), data.classNames().size(), seed, new Adam(1e-3)));
    net.init();
    ModelStore.save(net, FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(model));
  }

  /** The network predicted with. */
  ModelSpec network() {
    return network;
  }

  long samples() {
    return samples;
  }

  /** One {@code evaluate} of the split; returns its accuracy. */
  double evaluate(SparkSession spark) {
    MultiLayerNetwork net = ModelStore.load(spark.sparkContext().hadoopConfiguration(), model);
    PreparedDataset data = PreparedDataset.open(spark, dataset);
    data.requireFits(net, "model", model);
    SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(
        JavaSparkContext.fromSparkContext(spark.sparkContext()), net,
        new ParameterAveragingTrainingMaster.Builder(1).build());
    return SplitEvaluator.evaluate(sparkNet, data.samples(SPLIT), data.batchBuilder()).accuracy();
  }

  /** One {@code predict} of the split; returns its accuracy. */
  double predict(SparkSession spark) {
    PredictionManifest m = PredictionJob.run(spark, model, dataset, List.of(SPLIT),
        dir.resolve("predictions").toString(), true);
    if (m.splits().get(0).rows() != samples) {
      throw new IllegalStateException("predicted " + m.splits().get(0).rows() + " of " + samples + " samples");
    }
    return m.splits().get(0).accuracy();
  }

  @Override
  public void close() {
    TempTrees.delete(dir);
  }
}
