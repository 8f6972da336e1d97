package org.snnspark.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.cli.SnnSpark;
import org.snnspark.pipeline.data.SynthSpikeDataset;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.synth.SyntheticShdConfig;

/** {@code train --init-model}: fine-tuning a model trained here, then exported to NIR and imported. */
class FineTuningTest {
  private static final int CHANNELS = 48;

  @TempDir static Path dir;
  static SparkSession spark;
  static String dataset;

  @BeforeAll
  static void prepareDataset() {
    spark = SparkSessions.create("FineTuningTest", "local[2]", Map.of());
    dataset = SynthSpikeDataset.write(spark, dir, new SyntheticShdConfig().withSamples(200, 80).withClasses(4)
        .withSeed(21), CHANNELS, 30, 0.2);
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static TrainConfig config(String output, int epochs) {
    TrainConfig cfg = new TrainConfig();
    cfg.dataset = dataset;
    cfg.output = dir.resolve(output).toString();
    cfg.neuron = LifModel.RLIF;
    cfg.hidden = new int[] {16};
    cfg.epochs = epochs;
    cfg.batchSize = 16;
    cfg.workers = 1;
    cfg.seed = 4;
    return cfg;
  }

  @Test
  void anImportedNirModelFineTunesFromItsParameters() {
    TrainResult trained = new SparkTrainer(config("trained", 3)).run(spark);
    Path nir = dir.resolve("trained.nir");
    Path imported = dir.resolve("imported.zip");
    assertEquals(0, SnnSpark.execute("export", "--model", dir.resolve("trained/model.zip").toString(),
        "--format", "nir", "--output", nir.toString(), "--dt", "0.001", "--reduce-outside"));
    assertEquals(0, SnnSpark.execute("import", "--format", "nir", "--input", nir.toString(),
        "--output", imported.toString()));

    // a learning rate too small to move anything: the run must start where the import is
    TrainConfig tune = config("tuned", 1);
    tune.initModel = imported.toString();
    tune.learningRate = 1e-9;
    tune.hidden = new int[] {5}; // a model option: the file's network is used instead
    TrainResult tuned = new SparkTrainer(tune).run(spark);

    MultiLayerNetwork start = ModelStore.load(new Configuration(), imported.toString());
    MultiLayerNetwork end = ModelStore.load(new Configuration(), dir.resolve("tuned/model.zip").toString());
    assertEquals(start.numParams(), end.numParams(), "the imported network, not --hidden 5");
    assertEquals(0, start.params().sub(end.params()).amaxNumber().doubleValue(), 1e-5);
    assertEquals(trained.testAccuracy(), tuned.testAccuracy(), 1e-9, "the same function");
    for (int i = 0; i < end.getnLayers(); i++) {
      if (end.getLayer(i).conf().getLayer() instanceof BaseLayer b && end.getLayer(i).numParams() > 0) {
        assertEquals(1e-9, ((Adam) b.getIUpdater()).getLearningRate(), 0, "this run's optimizer");
      }
    }
  }

  @Test
  void aModelForOtherInputsIsRefusedNamingTheOption() throws Exception {
    Path other = dir.resolve("other.zip");
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(new ModelSpec().withHidden(8),
        CHANNELS + 2, 4, 1, new Adam(1e-3)));
    net.init();
    ModelStore.save(net, FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(other.toString()));
    TrainConfig cfg = config("never", 1);
    cfg.initModel = other.toString();
    Exception e = assertThrows(OptionException.class, () -> new SparkTrainer(cfg).run(spark));
    assertTrue(e.getMessage().startsWith("initModel " + other) && e.getMessage().contains("takes "
        + (CHANNELS + 2) + " input channels"), e.getMessage());
  }
}
