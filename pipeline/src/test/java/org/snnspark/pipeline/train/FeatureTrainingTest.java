package org.snnspark.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.pipeline.cli.SnnSpark;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.data.Sample;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.audio.WavEncoder;

/**
 * Audio to features to a trained network, through the CLI: a folder-per-class corpus of chirps
 * (rising, falling, rising-then-falling). Rising and falling chirps have the same time-averaged
 * spectrum, so a rule that ignores time confuses them (about 2/3 accuracy at best) while the
 * network must not; clips of different lengths exercise the masks.
 */
class FeatureTrainingTest {
  private static final int RATE = 16000;
  private static final String[] CLASSES = {"up", "down", "updown"};
  @TempDir static Path dir;
  static SparkSession spark;
  static String dataset;

  @BeforeAll
  static void prepare() throws Exception {
    Path corpus = dir.resolve("corpus");
    Random rnd = new Random(5);
    for (int c = 0; c < CLASSES.length; c++) {
      Path classDir = Files.createDirectories(corpus.resolve(CLASSES[c]));
      for (int i = 0; i < 40; i++) {
        double seconds = 0.35 + 0.25 * rnd.nextDouble();
        Files.write(classDir.resolve("clip" + i + ".wav"), WavEncoder.pcm16(chirp(c, seconds, rnd), RATE));
      }
    }
    spark = SparkSessions.create("FeatureTrainingTest", "local[2]", Map.of());
    dataset = dir.resolve("fbank").toString();
    assertEquals(0, SnnSpark.execute("preprocess", "audio", "--input-dir", corpus.toString(),
        "--corpus", "FOLDERS", "--output", dataset, "--mel-bins", "24", "--test-fraction", "0.25",
        "--valid-fraction", "0.15", "--master", "local[2]"));
  }

  /** A tone sweeping 300 -> 3000 Hz (up), back (down), or up then down, with noise. */
  private static float[] chirp(int cls, double seconds, Random rnd) {
    int n = (int) (seconds * RATE);
    float[] x = new float[n];
    double phase = 0;
    for (int i = 0; i < n; i++) {
      double pos = i / (double) n;
      double sweep = switch (cls) {
        case 0 -> pos;
        case 1 -> 1 - pos;
        default -> pos < 0.5 ? 2 * pos : 2 - 2 * pos;
      };
      double freq = 300 * Math.pow(10, sweep);
      phase += 2 * Math.PI * freq / RATE;
      x[i] = (float) (0.5 * Math.sin(phase) + 0.02 * rnd.nextGaussian());
    }
    return x;
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void variableLengthFeaturesAreMaskedAndStandardised() {
    PreparedDataset data = PreparedDataset.open(spark, dataset);
    List<Sample> samples = data.samples("train").take(16);
    DataSet batch = data.batchBuilder().build(samples);
    assertEquals(24, batch.getFeatures().size(1));
    assertTrue(batch.getFeaturesMaskArray() != null, "clips of different lengths need a mask");
    int steps = (int) batch.getFeatures().size(2);
    for (int i = 0; i < samples.size(); i++) {
      int length = samples.get(i).length(steps);
      assertEquals(length, batch.getFeaturesMaskArray().getRow(i).sumNumber().intValue());
    }
    // standardised with the train statistics: means near 0 over the valid frames
    double mean = batch.getFeatures().mul(batch.getFeaturesMaskArray().reshape(16, 1, steps))
        .sumNumber().doubleValue() / (24 * batch.getFeaturesMaskArray().sumNumber().doubleValue());
    assertTrue(Math.abs(mean) < 0.3, "mean of standardised features " + mean);
  }

  @Test
  void aSpikingNetworkLearnsTheOrderOfFrequencies() {
    TrainConfig cfg = new TrainConfig();
    cfg.dataset = dataset;
    cfg.output = dir.resolve("run").toString();
    cfg.neuron = LifModel.ADLIF;
    cfg.hidden = new int[] {32};
    cfg.batchNorm = true;
    cfg.epochs = 6;
    cfg.batchSize = 8;
    cfg.workers = 2;
    cfg.averagingFrequency = 2;
    TrainResult r = new SparkTrainer(cfg).run(spark);
    PreparedDataset data = PreparedDataset.open(spark, dataset);
    double baseline = RateBaseline.accuracy(data.samples("train"), data.samples("test"), 24, 3);
    assertTrue(r.testAccuracy() > 0.8, "test accuracy " + r.testAccuracy());
    assertTrue(baseline < 0.8, "time-free baseline " + baseline);
    assertTrue(r.testAccuracy() > baseline + 0.1, r.testAccuracy() + " vs baseline " + baseline);
  }
}
