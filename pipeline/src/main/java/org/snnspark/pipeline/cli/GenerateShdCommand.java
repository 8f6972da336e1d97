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
  private static final SyntheticShdConfig DEFAULTS = new SyntheticShdConfig();

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Local directory to write shd_train.h5 and shd_test.h5 into.")
  Path output;

  @Option(names = "--train-samples", description = "Samples in shd_train.h5. Default: ${DEFAULT-VALUE}")
  int trainSamples = DEFAULTS.trainSamples();

  @Option(names = "--test-samples", description = "Samples in shd_test.h5. Default: ${DEFAULT-VALUE}")
  int testSamples = DEFAULTS.testSamples();

  @Option(names = "--classes", description = "Number of classes. Default: ${DEFAULT-VALUE}")
  int classes = DEFAULTS.classes();

  @Option(names = "--channels", description = "Input channels (SHD: 700). Default: ${DEFAULT-VALUE}")
  int channels = DEFAULTS.channels();

  @Option(names = "--max-duration", description = "Longest sample, seconds. Default: ${DEFAULT-VALUE}")
  double maxDuration = DEFAULTS.maxDuration();

  @Option(names = "--signal-rate", description = "Spikes per second in the active band, before the speaker's gain."
      + " Default: ${DEFAULT-VALUE} (about 1,650 spikes per sample with the noise);"
      + " 11000 with --noise-rate 1500 gives about 9,000, an estimate of the order of magnitude of the real"
      + " SHD files, not a measured figure")
  double signalRate = DEFAULTS.signalRate();

  @Option(names = "--noise-rate", description = "Background spikes per second over all channels. Default: ${DEFAULT-VALUE}")
  double noiseRate = DEFAULTS.noiseRate();

  @Option(names = "--seed", description = "Same seed and settings, same bytes. Default: ${DEFAULT-VALUE}")
  long seed = DEFAULTS.seed();

  @Override
  public Integer call() {
    List<Path> files = new SyntheticShdGenerator(config()).generate(output);
    files.forEach(f -> System.out.println("wrote " + f));
    return 0;
  }

  SyntheticShdConfig config() {
    return DEFAULTS.withSamples(trainSamples, testSamples).withClasses(classes)
        .withChannels(channels).withMaxDuration(maxDuration).withSpikeRates(signalRate, noiseRate).withSeed(seed);
  }
}
