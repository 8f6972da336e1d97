package org.snnspark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.snnspark.pipeline.report.EpochStats;
import org.snnspark.pipeline.train.GradientNoiseScale;
import org.snnspark.pipeline.train.SparkTrainer;
import org.snnspark.pipeline.train.TrainConfig;
import org.snnspark.pipeline.train.TrainResult;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;

/**
 * Epochs, averaged updates and wall time to a target validation accuracy as data-parallel
 * workers are added: {@code train} with its defaults but --workers, the {@link TtaSetup} and at
 * most {@code maxEpochs} epochs, on a generated SHD-layout dataset of the HARD profile
 * ({@link SyntheticShdConfig#hard()}), so that one worker needs several epochs. The epochs to the
 * target do not depend on the machine; the wall time does, and with more workers than cores the
 * workers share them.
 */
final class TimeToAccuracy implements AutoCloseable {
  /** Share of the train file held out for validation. */
  static final double VALID_FRACTION = 0.15;
  static final int STEPS = 100;
  /** Training samples one worker's run measures the gradient noise scale on, before every epoch. */
  static final int NOISE_SCALE_SAMPLES = 1024;

  private final Path dir;
  private final String dataset;

  /** Generates the dataset ({@code trainSamples} in the train file) and preprocesses it with {@code spark}. */
  TimeToAccuracy(SparkSession spark, int trainSamples, long seed) {
    try {
      dir = Files.createTempDirectory("snn-spark-tta");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SyntheticShdConfig gen = SyntheticShdConfig.hard().toBuilder().trainSamples(trainSamples)
        .testSamples(Math.max(200, trainSamples / 5)).seed(seed).build();
    new SyntheticShdGenerator(gen).generate(dir.resolve("raw"));
    SpikePreprocessConfig prep = new SpikePreprocessConfig();
    prep.addInput("train", dir.resolve("raw/shd_train.h5").toString())
        .addInput("test", dir.resolve("raw/shd_test.h5").toString());
    dataset = dir.resolve("dataset").toString();
    prep.setOutput(dataset);
    prep.setChannels(gen.channels());
    prep.setNSteps(STEPS);
    prep.setValidFraction(VALID_FRACTION);
    prep.setSeed(seed);
    new SpikePreprocessJob(prep).run(spark);
  }

  /** One training run with {@code workers} workers, stopping at the target (or after maxEpochs). */
  Outcome run(SparkSession spark, int workers, TtaSetup setup, double target, int maxEpochs, long seed) {
    TrainConfig cfg = new TrainConfig();
    cfg.dataset = dataset;
    cfg.output = dir.resolve("run-" + setup + "-" + workers).toString();
    cfg.overwrite = true;
    cfg.workers = workers;
    setup.applyTo(cfg, workers);
    cfg.epochs = maxEpochs;
    cfg.stopAtAccuracy = target;
    cfg.seed = seed;
    cfg.trainEvalSamples = 0;
    if (workers == 1) {
      cfg.noiseScaleSamples = NOISE_SCALE_SAMPLES;
    }
    long t0 = System.nanoTime();
    TrainResult r = new SparkTrainer(cfg).run(spark);
    double wall = (System.nanoTime() - t0) / 1e9;
    return Outcome.of(r, target, wall);
  }

  /**
   * What one run reached.
   *
   * @param epochsToTarget first epoch whose validation accuracy reached the target; 0 when none did
   * @param trainSecondsToTarget training time of the epochs up to it (no evaluation)
   * @param validAccuracy every epoch's validation accuracy
   * @param roundsPerEpoch averaged updates per epoch
   * @param wallSeconds the whole run: data caching, every epoch with its evaluation, the test score
   * @param noiseScales one worker's run: the gradient noise scale before each epoch (and after the
   *     last); else empty
   */
  record Outcome(int epochsToTarget, double trainSecondsToTarget, double[] validAccuracy, long samplesPerEpoch,
      int roundsPerEpoch, double wallSeconds, List<GradientNoiseScale> noiseScales) {
    static Outcome of(TrainResult r, double target, double wall) {
      int reached = 0;
      double seconds = 0;
      double[] acc = new double[r.epochs().size()];
      for (int i = 0; i < acc.length; i++) {
        EpochStats e = r.epochs().get(i);
        acc[i] = e.validAccuracy();
        if (reached == 0) {
          seconds += e.seconds();
          if (e.validAccuracy() >= target) {
            reached = e.epoch();
          }
        }
      }
      return new Outcome(reached, reached == 0 ? Double.NaN : seconds, acc,
          r.epochs().isEmpty() ? 0 : r.epochs().get(0).samples(), r.roundsPerEpoch(), wall, r.noiseScales());
    }

    /**
     * What the noise scales this (one worker's) run measured predict for N workers of its batch: each epoch up to the target costs {@link GradientNoiseScale#epochsFactor} of itself at
     * the noise scale measured before it; the mean of those factors. NaN without the measurements.
     */
    double predictedEpochsFactor(int workers) {
      if (epochsToTarget == 0 || noiseScales.size() < epochsToTarget) {
        return Double.NaN;
      }
      double sum = 0;
      for (int e = 0; e < epochsToTarget; e++) {
        GradientNoiseScale g = noiseScales.get(e);
        sum += g.epochsFactor(workers, g.batchSize());
      }
      return sum / epochsToTarget;
    }

    double[] noiseScaleValues() {
      return noiseScales.stream().mapToDouble(GradientNoiseScale::noiseScale).toArray();
    }
  }

  @Override
  public void close() {
    TempTrees.delete(dir);
  }
}
