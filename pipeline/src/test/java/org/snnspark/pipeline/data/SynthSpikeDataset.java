package org.snnspark.pipeline.data;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;

/** A tests' dataset: synthetic SHD-layout files under {@code dir/raw}, preprocessed to {@code dir/dataset}. */
public final class SynthSpikeDataset {
  private SynthSpikeDataset() {}

  /** The dataset directory: train (less {@code validFraction} held out as valid) and test splits. */
  public static String write(SparkSession spark, Path dir, SyntheticShdConfig synth, int channels, int steps,
      double validFraction) {
    Path raw = dir.resolve("raw");
    new SyntheticShdGenerator(synth.withChannels(channels)).generate(raw);
    SpikePreprocessConfig prep = new SpikePreprocessConfig();
    prep.setInputs(Map.of("train", raw.resolve("shd_train.h5").toString(),
        "test", raw.resolve("shd_test.h5").toString()));
    String dataset = dir.resolve("dataset").toString();
    prep.setOutput(dataset);
    prep.setNSteps(steps);
    prep.setChannels(channels);
    prep.setValidFraction(validFraction);
    new SpikePreprocessJob(prep).run(spark);
    return dataset;
  }
}
