package org.snnspark.pipeline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate-shd", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write a synthetic dataset in the real layout of the Heidelberg spike datasets"
        + " (shd_train.h5, shd_test.h5): class-structured spike patterns that only timing separates.")
public final class GenerateShdCommand implements Callable<Integer> {
  /** A named starting point for the other options. */
  enum Profile {
    /** {@link SyntheticShdConfig#defaults()}: SHD's shape, 10 classes. */
    DEFAULT,
    /** {@link SyntheticShdConfig#hard()}: a harder task for time-to-accuracy measurements. */
    HARD;

    SyntheticShdConfig config() {
      return this == HARD ? SyntheticShdConfig.hard() : SyntheticShdConfig.defaults();
    }
  }

  @Option(names = "--profile", description = "${COMPLETION-CANDIDATES}: DEFAULT has 1000 train and 300"
      + " test samples, 10 classes, 700 channels, 12 speakers (2 only in test), signal rate 2000, noise"
      + " rate 300, jitter 4 ms, up to 1 s; HARD has 20 classes, 128 channels, 24 speakers (4 only in"
      + " test), jitter 120 ms, noise rate 6000. The options below override it. Default: ${DEFAULT-VALUE}")
  Profile profile = Profile.DEFAULT;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Local directory to write shd_train.h5 and shd_test.h5 into.")
  Path output;

  @Option(names = "--train-samples", description = "Samples in shd_train.h5. Default: the profile's")
  Integer trainSamples;

  @Option(names = "--test-samples", description = "Samples in shd_test.h5. Default: the profile's")
  Integer testSamples;

  @Option(names = "--classes", description = "Number of classes. Default: the profile's")
  Integer classes;

  @Option(names = "--channels", description = "Input channels (SHD: 700). Default: the profile's")
  Integer channels;

  @Option(names = "--max-duration", description = "Longest sample, seconds. Default: the profile's")
  Double maxDuration;

  @Option(names = "--signal-rate", description = "Spikes per second in the active band, before the"
      + " speaker's gain. Default: the profile's (DEFAULT: about 1,650 spikes per sample with the"
      + " noise); 11000 with --noise-rate 1500 gives about 9,000, an estimate of the order of"
      + " magnitude of the real SHD files, not a measured figure")
  Double signalRate;

  @Option(names = "--noise-rate", description = "Background spikes per second over all channels."
      + " Default: the profile's")
  Double noiseRate;

  @Option(names = "--seed", description = "Same seed and settings, same bytes. Default: ${DEFAULT-VALUE}")
  long seed = SyntheticShdConfig.defaults().seed();

  @Override
  public Integer call() {
    List<Path> files = new SyntheticShdGenerator(config()).generate(output);
    files.forEach(f -> System.out.println("wrote " + f));
    return 0;
  }

  SyntheticShdConfig config() {
    SyntheticShdConfig.Builder b = profile.config().toBuilder().seed(seed);
    if (trainSamples != null) {
      b.trainSamples(trainSamples);
    }
    if (testSamples != null) {
      b.testSamples(testSamples);
    }
    if (classes != null) {
      b.classes(classes);
    }
    if (channels != null) {
      b.channels(channels);
    }
    if (maxDuration != null) {
      b.maxDuration(maxDuration);
    }
    if (signalRate != null) {
      b.signalRate(signalRate);
    }
    if (noiseRate != null) {
      b.noiseRate(noiseRate);
    }
    return b.build();
  }
}
