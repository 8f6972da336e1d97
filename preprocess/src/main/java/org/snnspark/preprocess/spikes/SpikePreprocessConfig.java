package org.snnspark.preprocess.spikes;

import static org.snnspark.preprocess.dataset.OptionException.require;
import static org.snnspark.preprocess.dataset.OptionType.BOOLEAN;
import static org.snnspark.preprocess.dataset.OptionType.DOUBLE;
import static org.snnspark.preprocess.dataset.OptionType.INT;
import static org.snnspark.preprocess.dataset.OptionType.INTS;
import static org.snnspark.preprocess.dataset.OptionType.LONG;
import static org.snnspark.preprocess.dataset.OptionType.PAIRS;
import static org.snnspark.preprocess.dataset.OptionType.STRING;
import static org.snnspark.preprocess.dataset.OptionType.enumOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snnspark.preprocess.dataset.JobOptions;
import org.snnspark.preprocess.dataset.Option;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.dataset.OptionSet;

/**
 * Every option of the spike preprocessing job ({@link SpikePreprocessJob}), each declared once
 * below with its key, type, default and one-line documentation; {@link #OPTIONS} lists them for the
 * CLI and presets. A CLI or preset applies {@code key = value} strings with
 * {@link #set(String, String)}; {@link #toMap()} is what a run used (written into the manifest).
 */
public final class SpikePreprocessConfig extends JobOptions<SpikePreprocessConfig> {
  private static final long serialVersionUID = 1L;

  /** What a row stores. */
  public enum Mode {
    /** spike counts per (time bin, channel). */
    COUNT,
    /** 1 where a (time bin, channel) has at least one spike. */
    BINARY,
    /** counts, plus every raw spike (time in seconds, unit) so others can re-bin later: lossless. */
    EVENTS
  }

  /** How a spike time becomes a time bin (see {@link SpikeBinner}). */
  public enum Binning {
    /** floor(t / (maxTime / nSteps)): bins 0 .. nSteps - 1 (Tonic ToFrame). */
    FLOOR,
    /** sparch's np.digitize(t, linspace(0, maxTime, nSteps)): bins 1 .. nSteps - 1 of maxTime / (nSteps - 1), bin 0 empty. */
    DIGITIZE
  }

  /** What to do with a sample that fails validation. */
  public enum OnBadSample {
    /** stop the job; the error names file, sample and problem; nothing is written. */
    FAIL,
    /** leave the sample out; the manifest counts and lists it. */
    SKIP
  }

  /** How a source file on a non-local filesystem (hdfs, s3a...) is read; local files are read in place. */
  public enum RemoteRead {
    /** jhdf reads the file in place through positioned reads; each task fetches about its slice. */
    STREAM,
    /** each executor copies the whole file once to its scratch directory (SHA-256 checked) and reuses it. */
    COPY
  }

  /** How a validation split is carved from train when the inputs have none (SHD). */
  public enum ValidBy {
    /** a seeded, label-stratified share of the training samples. */
    FRACTION,
    /** every sample of some training speakers (validSpeakers, or a seeded choice). */
    SPEAKER
  }

  private static final OptionSet.Builder KEYS = new OptionSet.Builder("spike preprocessing");

  public static final Option<Map<String, String>> INPUTS = KEYS.option("inputs", PAIRS, Map.of(),
      "source files as split=path pairs, comma-separated (train=/d/shd_train.h5,test=/d/shd_test.h5); any Hadoop path or URI");
  public static final Option<String> INPUT_DIR = KEYS.option("inputDir", STRING, "",
      "a directory holding shd_<split>.h5 or ssc_<split>.h5 files; each becomes an input (alternative to inputs)");
  public static final Option<String> OUTPUT = KEYS.option("output", STRING, "",
      "dataset directory to create (manifest.json + split=<name>/part-*.parquet); any Hadoop path or URI");
  public static final Option<Boolean> OVERWRITE = KEYS.option("overwrite", BOOLEAN, false,
      "replace an existing output directory (it is swapped only after the new one is complete)");
  public static final Option<Integer> CHANNELS = KEYS.option("channels", INT, 700,
      "input channel count; a unit >= channels is a bad sample (SHD/SSC: 700)");
  public static final Option<Integer> N_STEPS = KEYS.option("nSteps", INT, 100,
      "time bins over [0, maxTime) (sparch: 100 over 1.4 s, with binning DIGITIZE); ignored when timeWindow is set");
  public static final Option<Double> MAX_TIME = KEYS.option("maxTime", DOUBLE, 1.4,
      "end of the binned window in seconds; later spikes are counted in the manifest, not binned");
  public static final Option<Double> TIME_WINDOW = KEYS.option("timeWindow", DOUBLE, 0.0,
      "bin width in seconds, Tonic ToFrame(time_window) style (0 = use nSteps); bins = ceil(maxTime / timeWindow)");
  public static final Option<Binning> BINNING = KEYS.option("binning", enumOf(Binning.class), Binning.FLOOR,
      "FLOOR: bin floor(t / (maxTime / nSteps)), bins 0..nSteps-1; DIGITIZE: sparch's np.digitize(t, linspace(0, maxTime, nSteps)), bins 1..nSteps-1 of maxTime / (nSteps - 1), bin 0 empty");
  public static final Option<Mode> MODE = KEYS.option("mode", enumOf(Mode.class), Mode.COUNT,
      "COUNT (spikes per bin), BINARY (0/1) or EVENTS (counts plus the raw spikes, lossless)");
  public static final Option<Double> DOWNSAMPLE = KEYS.option("downsample", DOUBLE, 1.0,
      "channel factor in (0, 1]: channel x -> floor(x * f) (Tonic Downsample; 0.5 gives 700 -> 350)");
  public static final Option<Integer> SHARDS_PER_SPLIT = KEYS.option("shardsPerSplit", INT, 0,
      "Parquet files per split (0 = ceil(samples / rowsPerShard))");
  public static final Option<Integer> ROWS_PER_SHARD = KEYS.option("rowsPerShard", INT, 2000,
      "target rows per Parquet file when shardsPerSplit is 0");
  public static final Option<Integer> READ_PARTITIONS = KEYS.option("readPartitions", INT, 0,
      "unused since one Spark task reads, bins and writes each shard (its parallelism is the shard count: see rowsPerShard); accepted so that older presets still run");
  public static final Option<RemoteRead> REMOTE_READ = KEYS.option("remoteRead", enumOf(RemoteRead.class), RemoteRead.STREAM,
      "sources on hdfs/s3a/...: STREAM (read in place, each task fetches its slice) or COPY (one checksummed local copy per executor); never changes the output bytes");
  public static final Option<Double> VALID_FRACTION = KEYS.option("validFraction", DOUBLE, 0.0,
      "share of train held out as split 'valid' when the inputs have no valid split (0 = none)");
  public static final Option<ValidBy> VALID_BY = KEYS.option("validBy", enumOf(ValidBy.class), ValidBy.FRACTION,
      "FRACTION (seeded, label-stratified samples) or SPEAKER (all samples of some speakers)");
  public static final Option<List<Integer>> VALID_SPEAKERS = KEYS.option("validSpeakers", INTS, List.of(),
      "speaker ids for validBy=SPEAKER, comma-separated (empty = seeded choice of round(validFraction * speakers))");
  public static final Option<Long> SEED = KEYS.option("seed", LONG, 42L,
      "seed of the validation split");
  public static final Option<OnBadSample> ON_BAD_SAMPLE = KEYS.option("onBadSample", enumOf(OnBadSample.class), OnBadSample.FAIL,
      "FAIL (stop, naming file, sample and problem) or SKIP (leave it out, list it in the manifest)");

  /** Every option of the job, in documentation order; {@link OptionSet#find} looks one up by name. */
  public static final OptionSet OPTIONS = KEYS.build();

  @Override
  protected OptionSet options() {
    return OPTIONS;
  }

  /** Checks value ranges (not the filesystem); the message names the option. */
  public void validate() {
    if (getInputs().isEmpty() && getInputDir().isBlank()) {
      throw new OptionException("no input: set {inputs} (split=path,...) or {inputDir}");
    }
    if (getOutput().isBlank()) {
      throw new OptionException("{output} is not set");
    }
    require(getChannels() >= 1, "{channels} must be >= 1, got " + getChannels());
    require(getMaxTime() > 0 && Double.isFinite(getMaxTime()), "{maxTime} must be > 0 seconds, got " + getMaxTime());
    require(getTimeWindow() >= 0 && Double.isFinite(getTimeWindow()), "{timeWindow} must be >= 0 seconds, got " + getTimeWindow());
    require(getTimeWindow() > 0 || getNSteps() >= 1, "{nSteps} must be >= 1, got " + getNSteps());
    require(numSteps() <= 1_000_000, "too many time bins: " + numSteps());
    require(getBinning() == Binning.FLOOR || getTimeWindow() == 0, "{binning} DIGITIZE takes {nSteps} and {maxTime}, not {timeWindow}");
    require(getBinning() == Binning.FLOOR || getNSteps() >= 2, "{binning} DIGITIZE needs {nSteps} >= 2 (its bin 0 is empty), got " + getNSteps());
    require(getDownsample() > 0 && getDownsample() <= 1, "{downsample} must be in (0, 1], got " + getDownsample());
    require(getShardsPerSplit() >= 0, "{shardsPerSplit} must be >= 0, got " + getShardsPerSplit());
    require(getRowsPerShard() >= 1, "{rowsPerShard} must be >= 1, got " + getRowsPerShard());
    require(getReadPartitions() >= 0, "{readPartitions} must be >= 0, got " + getReadPartitions());
    require(getValidFraction() >= 0 && getValidFraction() < 1, "{validFraction} must be in [0, 1), got " + getValidFraction());
    require(getValidBy() != ValidBy.SPEAKER || getValidFraction() > 0 || !getValidSpeakers().isEmpty(),
        "{validBy} SPEAKER needs {validSpeakers} or {validFraction} > 0");
    for (String split : getInputs().keySet()) {
      require(split.matches("[A-Za-z0-9_.-]+"), "split name '" + split + "' in {inputs} must be letters, digits, '_', '.', '-'");
    }
  }

  /** Time bins of every frame: nSteps, or ceil(maxTime / timeWindow) when timeWindow is set. */
  public int numSteps() {
    if (getTimeWindow() > 0) {
      // a hair of tolerance so 1.4 / 0.014 counts as 100 bins despite binary rounding
      return (int) Math.ceil(getMaxTime() / getTimeWindow() - 1e-9);
    }
    return getNSteps();
  }

  /** Width of one time bin in seconds. */
  public double binWidth() {
    if (getTimeWindow() > 0) {
      return getTimeWindow();
    }
    return getBinning() == Binning.DIGITIZE ? getMaxTime() / (getNSteps() - 1) : getMaxTime() / getNSteps();
  }

  /** Spikes at or after this time (seconds) fall outside the frames. */
  public double windowEnd() {
    return getTimeWindow() > 0 ? numSteps() * getTimeWindow() : getMaxTime();
  }

  /** Channels after downsampling: floor((channels - 1) * downsample) + 1, the largest mapped index + 1. */
  public int outputChannels() {
    return (int) Math.floor((getChannels() - 1) * getDownsample()) + 1;
  }

  // Typed accessors: thin delegates to get/set, kept so that callers need not name the constants.

  public Map<String, String> getInputs() { return get(INPUTS); }
  /**
   * The source files by split, in the map's iteration order, which the manifest records: an
   * unordered map (Map.of) would make re-runs write different manifests. {@link #addInput} keeps
   * the order of its calls.
   */
  public SpikePreprocessConfig setInputs(Map<String, String> inputs) { return set(INPUTS, inputs); }

  /** Adds (or replaces) one input file for a split; a new split comes after those already given. */
  public SpikePreprocessConfig addInput(String split, String path) {
    Map<String, String> inputs = new LinkedHashMap<>(getInputs());
    inputs.put(split, path);
    return set(INPUTS, inputs);
  }

  public String getInputDir() { return get(INPUT_DIR); }
  public SpikePreprocessConfig setInputDir(String inputDir) { return set(INPUT_DIR, inputDir); }

  public String getOutput() { return get(OUTPUT); }
  public SpikePreprocessConfig setOutput(String output) { return set(OUTPUT, output); }

  public boolean isOverwrite() { return get(OVERWRITE); }
  public SpikePreprocessConfig setOverwrite(boolean overwrite) { return set(OVERWRITE, overwrite); }

  public int getChannels() { return get(CHANNELS); }
  public SpikePreprocessConfig setChannels(int channels) { return set(CHANNELS, channels); }

  public int getNSteps() { return get(N_STEPS); }
  public SpikePreprocessConfig setNSteps(int nSteps) { return set(N_STEPS, nSteps); }

  public double getMaxTime() { return get(MAX_TIME); }
  public SpikePreprocessConfig setMaxTime(double maxTime) { return set(MAX_TIME, maxTime); }

  public double getTimeWindow() { return get(TIME_WINDOW); }
  public SpikePreprocessConfig setTimeWindow(double timeWindow) { return set(TIME_WINDOW, timeWindow); }

  public Binning getBinning() { return get(BINNING); }
  public SpikePreprocessConfig setBinning(Binning binning) { return set(BINNING, binning); }

  public Mode getMode() { return get(MODE); }
  public SpikePreprocessConfig setMode(Mode mode) { return set(MODE, mode); }

  public double getDownsample() { return get(DOWNSAMPLE); }
  public SpikePreprocessConfig setDownsample(double downsample) { return set(DOWNSAMPLE, downsample); }

  public int getShardsPerSplit() { return get(SHARDS_PER_SPLIT); }
  public SpikePreprocessConfig setShardsPerSplit(int shardsPerSplit) { return set(SHARDS_PER_SPLIT, shardsPerSplit); }

  public int getRowsPerShard() { return get(ROWS_PER_SHARD); }
  public SpikePreprocessConfig setRowsPerShard(int rowsPerShard) { return set(ROWS_PER_SHARD, rowsPerShard); }

  public int getReadPartitions() { return get(READ_PARTITIONS); }
  public SpikePreprocessConfig setReadPartitions(int readPartitions) { return set(READ_PARTITIONS, readPartitions); }

  public RemoteRead getRemoteRead() { return get(REMOTE_READ); }
  public SpikePreprocessConfig setRemoteRead(RemoteRead remoteRead) { return set(REMOTE_READ, remoteRead); }

  public double getValidFraction() { return get(VALID_FRACTION); }
  public SpikePreprocessConfig setValidFraction(double validFraction) { return set(VALID_FRACTION, validFraction); }

  public ValidBy getValidBy() { return get(VALID_BY); }
  public SpikePreprocessConfig setValidBy(ValidBy validBy) { return set(VALID_BY, validBy); }

  public List<Integer> getValidSpeakers() { return get(VALID_SPEAKERS); }
  public SpikePreprocessConfig setValidSpeakers(List<Integer> validSpeakers) { return set(VALID_SPEAKERS, validSpeakers); }

  public long getSeed() { return get(SEED); }
  public SpikePreprocessConfig setSeed(long seed) { return set(SEED, seed); }

  public OnBadSample getOnBadSample() { return get(ON_BAD_SAMPLE); }
  public SpikePreprocessConfig setOnBadSample(OnBadSample onBadSample) { return set(ON_BAD_SAMPLE, onBadSample); }
}
