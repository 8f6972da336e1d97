package org.snnspark.preprocess.synth;

import static org.snnspark.preprocess.dataset.OptionType.DOUBLE;
import static org.snnspark.preprocess.dataset.OptionType.INT;
import static org.snnspark.preprocess.dataset.OptionType.LONG;
import static org.snnspark.preprocess.dataset.OptionType.PAIRS;
import static org.snnspark.preprocess.dataset.OptionType.STRING;
import static org.snnspark.preprocess.dataset.OptionType.enumOf;

import java.nio.file.Path;
import java.util.Map;
import org.snnspark.preprocess.dataset.JobOptions;
import org.snnspark.preprocess.dataset.Option;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.dataset.OptionSet;

/**
 * Every option of the synthetic SHD generator ({@link SyntheticShdGenerator}), each declared once
 * below with its key, type, default and one-line documentation; {@link #OPTIONS} lists them for the
 * CLI ({@code generate-shd}) and presets. A {@link Profile} changes some defaults; options set
 * explicitly override it. {@link #config()} is the generator's input.
 */
public final class SyntheticShdOptions extends JobOptions<SyntheticShdOptions> {
  private static final long serialVersionUID = 1L;

  /** A named set of defaults for the other options. */
  public enum Profile {
    /** each option's declared default: SHD's shape, 10 classes. */
    DEFAULT(""),
    /**
     * a task where one worker needs several epochs to reach a target, for time-to-accuracy
     * measurements; 128 channels keep an epoch short.
     */
    HARD("classes=20,channels=128,speakers=24,testOnlySpeakers=4,jitter=0.12,noiseRate=6000");

    private final String defaults;

    Profile(String defaults) {
      this.defaults = defaults;
    }

    /** The options this profile changes, as {@code key=value} text in the options' own format. */
    public Map<String, String> defaults() {
      return PAIRS.parse().apply(defaults);
    }
  }

  private static final OptionSet.Builder KEYS = new OptionSet.Builder("synthetic SHD");

  public static final Option<Profile> PROFILE = KEYS.option("profile", enumOf(Profile.class), Profile.DEFAULT,
      "DEFAULT (the defaults shown here: SHD's shape, 10 classes) or HARD (a harder task for time-to-accuracy"
          + " measurements: " + Profile.HARD.defaults.replace(",", ", ") + "); options given override the profile");
  public static final Option<String> OUTPUT = KEYS.option("output", STRING, "",
      "local directory to write shd_train.h5 and shd_test.h5 into (required)");
  public static final Option<Integer> TRAIN_SAMPLES = KEYS.option("trainSamples", INT, 1000,
      "samples in shd_train.h5");
  public static final Option<Integer> TEST_SAMPLES = KEYS.option("testSamples", INT, 300,
      "samples in shd_test.h5");
  public static final Option<Integer> CLASSES = KEYS.option("classes", INT, 10,
      "number of classes, 2 up to bands! (each class sweeps through the bands in its own order)");
  public static final Option<Integer> CHANNELS = KEYS.option("channels", INT, 700,
      "input channels, as SHD's 700 cochlea channels: at least 2 per band, at most 65536 (uint16 units)");
  public static final Option<Integer> SPEAKERS = KEYS.option("speakers", INT, 12,
      "speaker ids 0..speakers-1 (SHD: 12)");
  public static final Option<Integer> TEST_ONLY_SPEAKERS = KEYS.option("testOnlySpeakers", INT, 2,
      "how many of the highest speaker ids appear only in shd_test.h5 (SHD: 2); fewer than speakers");
  public static final Option<Double> MAX_DURATION = KEYS.option("maxDuration", DOUBLE, 1.0,
      "longest sample in seconds, 0.1 to 60 (SHD's are about 0.24 to 1.17 s)");
  public static final Option<Integer> BANDS = KEYS.option("bands", INT, 6,
      "frequency bands, 2 to 9, that every class sweeps through in its own order");
  public static final Option<Double> SIGNAL_RATE = KEYS.option("signalRate", DOUBLE, 2000.0,
      "spikes per second in the active band, before the speaker's gain, > 0 (the defaults give about 1,650"
          + " spikes per sample with the noise; 11000 with noiseRate 1500 gives about 9,000, an estimate of the"
          + " order of magnitude of the real SHD files, not a measured figure)");
  public static final Option<Double> NOISE_RATE = KEYS.option("noiseRate", DOUBLE, 300.0,
      "background spikes per second over all channels, >= 0");
  public static final Option<Double> JITTER = KEYS.option("jitter", DOUBLE, 0.004,
      "standard deviation of the Gaussian jitter added to each spike time, seconds, >= 0");
  public static final Option<Long> SEED = KEYS.option("seed", LONG, 42L,
      "everything random derives from it: same seed and options, same bytes");

  /** Every option, in documentation order; {@link OptionSet#find} looks one up by name. */
  public static final OptionSet OPTIONS = KEYS.build();

  @Override
  protected OptionSet options() {
    return OPTIONS;
  }

  /** The directory to write into. */
  public Path output() {
    OptionException.require(!get(OUTPUT).isBlank(), "{output} is not set");
    return Path.of(get(OUTPUT));
  }

  /**
   * The generator's parameters: each option as set, else as the profile sets it, else its default.
   *
   * @throws OptionException naming the first option out of range
   */
  public SyntheticShdConfig config() {
    SyntheticShdOptions v = withProfileDefaults();
    return new SyntheticShdConfig(v.get(TRAIN_SAMPLES), v.get(TEST_SAMPLES), v.get(CLASSES), v.get(CHANNELS),
        v.get(SPEAKERS), v.get(TEST_ONLY_SPEAKERS), v.get(MAX_DURATION), v.get(BANDS), v.get(SIGNAL_RATE),
        v.get(NOISE_RATE), v.get(JITTER), v.get(SEED));
  }

  private SyntheticShdOptions withProfileDefaults() {
    SyntheticShdOptions v = new SyntheticShdOptions();
    get(PROFILE).defaults().forEach(v::set);
    for (Option<?> o : OPTIONS.options()) {
      if (isSet(o)) {
        copy(o, v);
      }
    }
    return v;
  }

  private <T> void copy(Option<T> o, SyntheticShdOptions to) {
    to.set(o, get(o));
  }
}
