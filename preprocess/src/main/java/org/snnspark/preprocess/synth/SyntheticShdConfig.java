package org.snnspark.preprocess.synth;

/**
 * Parameters of {@link SyntheticShdGenerator}. Every component has a default (the no-argument
 * constructor, or {@link #defaults()}); {@link #toBuilder()} changes some of them.
 *
 * @param trainSamples samples in {@code shd_train.h5} (default 1000)
 * @param testSamples samples in {@code shd_test.h5} (default 300)
 * @param classes number of classes, at most {@code bands!} (default 10)
 * @param channels input channels, as SHD's 700 cochlea channels (default 700)
 * @param speakers speaker ids 0..speakers-1 (default 12, as SHD)
 * @param testOnlySpeakers the highest ids that appear only in the test file (default 2, as SHD)
 * @param maxDuration longest sample in seconds (default 1.0; SHD's are ~0.24-1.17 s)
 * @param bands frequency bands every class sweeps through, in a class-specific order (default 6)
 * @param signalRate spikes per second inside the active band, before the speaker's gain (default 2000)
 * @param noiseRate background spikes per second spread over all channels (default 300)
 * @param jitter standard deviation of the Gaussian jitter added to each spike time, seconds (default 0.004)
 * @param seed everything random derives from it: same config, same bytes (default 42)
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
    if (trainSamples < 0 || testSamples < 0) {
      throw new IllegalArgumentException("sample counts must be >= 0");
    }
    if (bands < 2 || bands > 9) {
      throw new IllegalArgumentException("bands must be in 2..9, got " + bands);
    }
    if (classes < 2 || classes > Math.min(factorial(bands), 65536)) {
      throw new IllegalArgumentException(
          "classes must be in 2.." + Math.min(factorial(bands), 65536) + " (orders of " + bands + " bands), got " + classes);
    }
    if (channels < 2 * bands || channels > 65536) {
      throw new IllegalArgumentException("channels must be in " + 2 * bands + "..65536 (uint16 units), got " + channels);
    }
    if (speakers < 1 || testOnlySpeakers < 0 || testOnlySpeakers >= speakers) {
      throw new IllegalArgumentException(
          "need 0 <= testOnlySpeakers < speakers, got " + testOnlySpeakers + " of " + speakers);
    }
    if (!(maxDuration >= 0.1 && maxDuration <= 60)) {
      throw new IllegalArgumentException("maxDuration must be in [0.1, 60] s, got " + maxDuration);
    }
    if (!(signalRate > 0) || !(noiseRate >= 0) || !(jitter >= 0)) {
      throw new IllegalArgumentException("rates must be positive and jitter >= 0");
    }
  }

  /** All defaults (SHD-like shape, 10 classes, 1000 + 300 samples). */
  public SyntheticShdConfig() {
    this(1000, 300, 10, 700, 12, 2, 1.0, 6, 2000, 300, 0.004, 42L);
  }

  public static SyntheticShdConfig defaults() {
    return new SyntheticShdConfig();
  }

  /**
   * A harder task than the defaults, made for time-to-accuracy measurements, where one worker
   * must need several epochs to reach a target: 20 classes, 24 speakers (4 of them only in the
   * test file), 120 ms of timing jitter (defaults: 4 ms) and 6,000 background spikes per second
   * (defaults: 300), on 128 channels so that an epoch stays short. Samples and seed as the
   * defaults.
   */
  public static SyntheticShdConfig hard() {
    return defaults().toBuilder().classes(20).channels(128).speakers(24).testOnlySpeakers(4)
        .jitter(0.12).noiseRate(6000).build();
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
