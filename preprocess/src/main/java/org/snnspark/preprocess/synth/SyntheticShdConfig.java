package org.snnspark.preprocess.synth;

import static org.snnspark.preprocess.dataset.OptionException.require;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.BANDS;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.CHANNELS;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.CLASSES;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.JITTER;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.MAX_DURATION;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.NOISE_RATE;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.SEED;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.SIGNAL_RATE;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.SPEAKERS;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.TEST_ONLY_SPEAKERS;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.TEST_SAMPLES;
import static org.snnspark.preprocess.synth.SyntheticShdOptions.TRAIN_SAMPLES;

import org.snnspark.preprocess.dataset.OptionException;

/**
 * Parameters of {@link SyntheticShdGenerator}, one component per option of
 * {@link SyntheticShdOptions} (where their names, defaults and documentation are declared). The
 * no-argument constructor, or {@link #defaults()}, gives every option's default;
 * {@link #toBuilder()} changes some of them. A component out of range is an {@link OptionException}
 * naming it as its option ({@code {classes}}), with the valid range: one problem per message.
 */
public record SyntheticShdConfig(
    int trainSamples,
    int testSamples,
    int classes,
    int channels,
    int speakers,
    int testOnlySpeakers,
    double maxDuration,
    int bands,
    double signalRate,
    double noiseRate,
    double jitter,
    long seed) {

  public SyntheticShdConfig {
    require(trainSamples >= 0, "{trainSamples} must be >= 0, got " + trainSamples);
    require(testSamples >= 0, "{testSamples} must be >= 0, got " + testSamples);
    require(bands >= 2 && bands <= 9, "{bands} must be in 2..9, got " + bands);
    int maxClasses = Math.min(factorial(bands), 65536);
    require(classes >= 2 && classes <= maxClasses,
        "{classes} must be in 2.." + maxClasses + " (orders of " + bands + " bands), got " + classes);
    require(channels >= 2 * bands && channels <= 65536,
        "{channels} must be in " + 2 * bands + "..65536 (2 per band of " + bands + "; uint16 units), got " + channels);
    require(speakers >= 1, "{speakers} must be >= 1, got " + speakers);
    require(testOnlySpeakers >= 0 && testOnlySpeakers < speakers, "{testOnlySpeakers} must be in 0.."
        + (speakers - 1) + " (fewer than the " + speakers + " {speakers}), got " + testOnlySpeakers);
    require(maxDuration >= 0.1 && maxDuration <= 60, "{maxDuration} must be in [0.1, 60] seconds, got " + maxDuration);
    require(signalRate > 0, "{signalRate} must be > 0, got " + signalRate);
    require(noiseRate >= 0, "{noiseRate} must be >= 0, got " + noiseRate);
    require(jitter >= 0, "{jitter} must be >= 0 seconds, got " + jitter);
  }

  /** Every option's declared default (SHD-like shape, 10 classes, 1000 + 300 samples). */
  public SyntheticShdConfig() {
    this(TRAIN_SAMPLES.defaultTyped(), TEST_SAMPLES.defaultTyped(), CLASSES.defaultTyped(),
        CHANNELS.defaultTyped(), SPEAKERS.defaultTyped(), TEST_ONLY_SPEAKERS.defaultTyped(),
        MAX_DURATION.defaultTyped(), BANDS.defaultTyped(), SIGNAL_RATE.defaultTyped(),
        NOISE_RATE.defaultTyped(), JITTER.defaultTyped(), SEED.defaultTyped());
  }

  public static SyntheticShdConfig defaults() {
    return new SyntheticShdConfig();
  }

  /** The {@link SyntheticShdOptions.Profile#HARD} profile: a task where one worker needs several epochs. */
  public static SyntheticShdConfig hard() {
    return new SyntheticShdOptions().set(SyntheticShdOptions.PROFILE, SyntheticShdOptions.Profile.HARD).config();
  }

  /** {@link #signalRate} of {@link #withShdSpikeDensity()}. */
  public static final double SHD_SIGNAL_RATE = 11000;
  /** {@link #noiseRate} of {@link #withShdSpikeDensity()}. */
  public static final double SHD_NOISE_RATE = 1500;

  /**
   * The same config with spike rates that give about 9,000 spikes per sample (with the default
   * durations), where the defaults (~1,650 per sample) keep tests and demos small. 9,000 is an
   * estimate of the order of magnitude of the real SHD files, not a published or measured figure.
   * Measurements of reading and preprocessing speed use this density.
   */
  public SyntheticShdConfig withShdSpikeDensity() {
    return withSpikeRates(SHD_SIGNAL_RATE, SHD_NOISE_RATE);
  }

  public SyntheticShdConfig withSpikeRates(double signal, double noise) {
    return toBuilder().signalRate(signal).noiseRate(noise).build();
  }

  public SyntheticShdConfig withSamples(int train, int test) {
    return toBuilder().trainSamples(train).testSamples(test).build();
  }

  public SyntheticShdConfig withSeed(long s) {
    return toBuilder().seed(s).build();
  }

  public SyntheticShdConfig withClasses(int n) {
    return toBuilder().classes(n).build();
  }

  public SyntheticShdConfig withChannels(int n) {
    return toBuilder().channels(n).build();
  }

  public SyntheticShdConfig withMaxDuration(double seconds) {
    return toBuilder().maxDuration(seconds).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable copy for changing several values (validated again by {@link #build()}). */
  public static final class Builder {
    private int trainSamples, testSamples, classes, channels, speakers, testOnlySpeakers, bands;
    private double maxDuration, signalRate, noiseRate, jitter;
    private long seed;

    private Builder(SyntheticShdConfig c) {
      trainSamples = c.trainSamples;
      testSamples = c.testSamples;
      classes = c.classes;
      channels = c.channels;
      speakers = c.speakers;
      testOnlySpeakers = c.testOnlySpeakers;
      maxDuration = c.maxDuration;
      bands = c.bands;
      signalRate = c.signalRate;
      noiseRate = c.noiseRate;
      jitter = c.jitter;
      seed = c.seed;
    }

    public Builder trainSamples(int v) { trainSamples = v; return this; }
    public Builder testSamples(int v) { testSamples = v; return this; }
    public Builder classes(int v) { classes = v; return this; }
    public Builder channels(int v) { channels = v; return this; }
    public Builder speakers(int v) { speakers = v; return this; }
    public Builder testOnlySpeakers(int v) { testOnlySpeakers = v; return this; }
    public Builder maxDuration(double v) { maxDuration = v; return this; }
    public Builder bands(int v) { bands = v; return this; }
    public Builder signalRate(double v) { signalRate = v; return this; }
    public Builder noiseRate(double v) { noiseRate = v; return this; }
    public Builder jitter(double v) { jitter = v; return this; }
    public Builder seed(long v) { seed = v; return this; }

    public SyntheticShdConfig build() {
      return new SyntheticShdConfig(trainSamples, testSamples, classes, channels, speakers,
          testOnlySpeakers, maxDuration, bands, signalRate, noiseRate, jitter, seed);
    }
  }

  static int factorial(int n) {
    int f = 1;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }
}
