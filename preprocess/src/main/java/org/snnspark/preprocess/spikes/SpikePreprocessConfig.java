package org.snnspark.preprocess.spikes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.dataset.OptionValues;

/**
 * Every option of the spike preprocessing job ({@link SpikePreprocessJob}) — its key, default and
 * one-line documentation live in {@link #keys()}, the only place they are defined. Field
 * initialisers are the defaults. A CLI or preset applies {@code key = value} strings with
 * {@link #set(String, String)}; {@link #toMap()} is what a run used (written into the manifest).
 */
public final class SpikePreprocessConfig implements Serializable {
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

  private Map<String, String> inputs = new LinkedHashMap<>();
  private String inputDir = "";
  private String output = "";
  private boolean overwrite = false;
  private int channels = 700;
  private int nSteps = 100;
  private double maxTime = 1.4;
  private double timeWindow = 0;
  private Binning binning = Binning.FLOOR;
  private Mode mode = Mode.COUNT;
  private double downsample = 1.0;
  private int shardsPerSplit = 0;
  private int rowsPerShard = 2000;
  private int readPartitions = 0;
  private RemoteRead remoteRead = RemoteRead.STREAM;
  private double validFraction = 0;
  private ValidBy validBy = ValidBy.FRACTION;
  private List<Integer> validSpeakers = new ArrayList<>();
  private long seed = 42;
  private OnBadSample onBadSample = OnBadSample.FAIL;

  /** One option: name, documentation, how to set it from text and read it back. */
  public record Key(String name, String doc, BiConsumer<SpikePreprocessConfig, String> setter,
      Function<SpikePreprocessConfig, Object> getter) implements OptionValues.OptionKey<SpikePreprocessConfig> {
    /** The default, as text. */
    public String defaultValue() {
      return OptionValues.format(getter.apply(new SpikePreprocessConfig()));
    }
  }

  private static final List<Key> KEYS = List.of(
      new Key("inputs", "source files as split=path pairs, comma-separated (train=/d/shd_train.h5,test=/d/shd_test.h5); any Hadoop path or URI",
          (c, v) -> c.setInputs(parseMap(v)), c -> c.inputs),
      new Key("inputDir", "a directory holding shd_<split>.h5 or ssc_<split>.h5 files; each becomes an input (alternative to inputs)",
          (c, v) -> c.setInputDir(v), c -> c.inputDir),
      new Key("output", "dataset directory to create (manifest.json + split=<name>/part-*.parquet); any Hadoop path or URI",
          (c, v) -> c.setOutput(v), c -> c.output),
      new Key("overwrite", "replace an existing output directory (it is swapped only after the new one is complete)",
          (c, v) -> c.setOverwrite(OptionValues.parseBoolean(v)), c -> c.overwrite),
      new Key("channels", "input channel count; a unit >= channels is a bad sample (SHD/SSC: 700)",
          (c, v) -> c.setChannels(Integer.parseInt(v.trim())), c -> c.channels),
      new Key("nSteps", "time bins over [0, maxTime) (sparch: 100 over 1.4 s, with binning DIGITIZE); ignored when timeWindow is set",
          (c, v) -> c.setNSteps(Integer.parseInt(v.trim())), c -> c.nSteps),
      new Key("maxTime", "end of the binned window in seconds; later spikes are counted in the manifest, not binned",
          (c, v) -> c.setMaxTime(Double.parseDouble(v.trim())), c -> c.maxTime),
      new Key("timeWindow", "bin width in seconds, Tonic ToFrame(time_window) style (0 = use nSteps); bins = ceil(maxTime / timeWindow)",
          (c, v) -> c.setTimeWindow(Double.parseDouble(v.trim())), c -> c.timeWindow),
      new Key("binning", "FLOOR: bin floor(t / (maxTime / nSteps)), bins 0..nSteps-1; DIGITIZE: sparch's np.digitize(t, linspace(0, maxTime, nSteps)), bins 1..nSteps-1 of maxTime / (nSteps - 1), bin 0 empty",
          (c, v) -> c.setBinning(OptionValues.parseEnum(Binning.class, v)), c -> c.binning),
      new Key("mode", "COUNT (spikes per bin), BINARY (0/1) or EVENTS (counts plus the raw spikes, lossless)",
          (c, v) -> c.setMode(OptionValues.parseEnum(Mode.class, v)), c -> c.mode),
      new Key("downsample", "channel factor in (0, 1]: channel x -> floor(x * f) (Tonic Downsample; 0.5 gives 700 -> 350)",
          (c, v) -> c.setDownsample(Double.parseDouble(v.trim())), c -> c.downsample),
      new Key("shardsPerSplit", "Parquet files per split (0 = ceil(samples / rowsPerShard))",
          (c, v) -> c.setShardsPerSplit(Integer.parseInt(v.trim())), c -> c.shardsPerSplit),
      new Key("rowsPerShard", "target rows per Parquet file when shardsPerSplit is 0",
          (c, v) -> c.setRowsPerShard(Integer.parseInt(v.trim())), c -> c.rowsPerShard),
      new Key("readPartitions", "unused since one Spark task reads, bins and writes each shard (its parallelism is the shard count: see rowsPerShard); accepted so that older presets still run",
          (c, v) -> c.setReadPartitions(Integer.parseInt(v.trim())), c -> c.readPartitions),
      new Key("remoteRead", "sources on hdfs/s3a/...: STREAM (read in place, each task fetches its slice) or COPY (one checksummed local copy per executor); never changes the output bytes",
          (c, v) -> c.setRemoteRead(OptionValues.parseEnum(RemoteRead.class, v)), c -> c.remoteRead),
      new Key("validFraction", "share of train held out as split 'valid' when the inputs have no valid split (0 = none)",
          (c, v) -> c.setValidFraction(Double.parseDouble(v.trim())), c -> c.validFraction),
      new Key("validBy", "FRACTION (seeded, label-stratified samples) or SPEAKER (all samples of some speakers)",
          (c, v) -> c.setValidBy(OptionValues.parseEnum(ValidBy.class, v)), c -> c.validBy),
      new Key("validSpeakers", "speaker ids for validBy=SPEAKER, comma-separated (empty = seeded choice of round(validFraction * speakers))",
          (c, v) -> c.setValidSpeakers(parseInts(v)), c -> c.validSpeakers),
      new Key("seed", "seed of the validation split",
          (c, v) -> c.setSeed(Long.parseLong(v.trim())), c -> c.seed),
      new Key("onBadSample", "FAIL (stop, naming file, sample and problem) or SKIP (leave it out, list it in the manifest)",
          (c, v) -> c.setOnBadSample(OptionValues.parseEnum(OnBadSample.class, v)), c -> c.onBadSample));

  /** All options in documentation order. */
  public static List<Key> keys() {
    return KEYS;
  }

  /**
   * Sets one option from text ({@code key} as in {@link #keys()}, case-insensitive, '-' and '_'
   * ignored, so {@code n-steps} and {@code on_bad_sample} work too).
   *
   * @throws IllegalArgumentException naming the key and the value on an unknown key or a bad value
   */
  public SpikePreprocessConfig set(String key, String value) {
    OptionValues.apply(this, find(key), value);
    return this;
  }

  /** The option named {@code key} (same matching as {@link #set}). */
  public static Key find(String key) {
    return OptionValues.find(KEYS, key, "spike preprocessing");
  }

  /** Every option and its value, in {@link #keys()} order (as text, like {@link Key#defaultValue()}). */
  public Map<String, String> toMap() {
    return OptionValues.toMap(this, KEYS);
  }

  /** Checks value ranges (not the filesystem); the message names the option. */
  public void validate() {
    if (inputs.isEmpty() && inputDir.isBlank()) {
      throw new OptionException("no input: set {inputs} (split=path,...) or {inputDir}");
    }
    if (output.isBlank()) {
      throw new OptionException("{output} is not set");
    }
    require(channels >= 1, "{channels} must be >= 1, got " + channels);
    require(maxTime > 0 && Double.isFinite(maxTime), "{maxTime} must be > 0 seconds, got " + maxTime);
    require(timeWindow >= 0 && Double.isFinite(timeWindow), "{timeWindow} must be >= 0 seconds, got " + timeWindow);
    require(timeWindow > 0 || nSteps >= 1, "{nSteps} must be >= 1, got " + nSteps);
    require(numSteps() <= 1_000_000, "too many time bins: " + numSteps());
    require(binning == Binning.FLOOR || timeWindow == 0, "{binning} DIGITIZE takes {nSteps} and {maxTime}, not {timeWindow}");
    require(binning == Binning.FLOOR || nSteps >= 2, "{binning} DIGITIZE needs {nSteps} >= 2 (its bin 0 is empty), got " + nSteps);
    require(downsample > 0 && downsample <= 1, "{downsample} must be in (0, 1], got " + downsample);
    require(shardsPerSplit >= 0, "{shardsPerSplit} must be >= 0, got " + shardsPerSplit);
    require(rowsPerShard >= 1, "{rowsPerShard} must be >= 1, got " + rowsPerShard);
    require(readPartitions >= 0, "{readPartitions} must be >= 0, got " + readPartitions);
    require(validFraction >= 0 && validFraction < 1, "{validFraction} must be in [0, 1), got " + validFraction);
    require(validBy != ValidBy.SPEAKER || validFraction > 0 || !validSpeakers.isEmpty(),
        "{validBy} SPEAKER needs {validSpeakers} or {validFraction} > 0");
    for (String split : inputs.keySet()) {
      require(split.matches("[A-Za-z0-9_.-]+"), "split name '" + split + "' in {inputs} must be letters, digits, '_', '.', '-'");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new OptionException(message);
    }
  }

  /** Time bins of every frame: nSteps, or ceil(maxTime / timeWindow) when timeWindow is set. */
  public int numSteps() {
    if (timeWindow > 0) {
      // a hair of tolerance so 1.4 / 0.014 counts as 100 bins despite binary rounding
      return (int) Math.ceil(maxTime / timeWindow - 1e-9);
    }
    return nSteps;
  }

  /** Width of one time bin in seconds. */
  public double binWidth() {
    if (timeWindow > 0) {
      return timeWindow;
    }
    return binning == Binning.DIGITIZE ? maxTime / (nSteps - 1) : maxTime / nSteps;
  }

  /** Spikes at or after this time (seconds) fall outside the frames. */
  public double windowEnd() {
    return timeWindow > 0 ? numSteps() * timeWindow : maxTime;
  }

  /** Channels after downsampling: floor((channels - 1) * downsample) + 1, the largest mapped index + 1. */
  public int outputChannels() {
    return (int) Math.floor((channels - 1) * downsample) + 1;
  }

  private static Map<String, String> parseMap(String v) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : v.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException("expected split=path, got '" + part.trim() + "'");
      }
      m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    return m;
  }

  private static List<Integer> parseInts(String v) {
    List<Integer> out = new ArrayList<>();
    for (String part : v.split(",")) {
      if (!part.isBlank()) {
        out.add(Integer.parseInt(part.trim()));
      }
    }
    return out;
  }

  // Bean accessors. Setters return this, so code can chain them.

  public Map<String, String> getInputs() {
    return Collections.unmodifiableMap(inputs);
  }

  /**
   * The source files by split, in the map's iteration order, which the manifest records: an
   * unordered map (Map.of) would make re-runs write different manifests. {@link #addInput} keeps
   * the order of its calls.
   */
  public SpikePreprocessConfig setInputs(Map<String, String> inputs) {
    this.inputs = new LinkedHashMap<>(inputs);
    return this;
  }

  /** Adds (or replaces) one input file for a split; a new split comes after those already given. */
  public SpikePreprocessConfig addInput(String split, String path) {
    inputs.put(split, path);
    return this;
  }

  public String getInputDir() {
    return inputDir;
  }

  public SpikePreprocessConfig setInputDir(String inputDir) {
    this.inputDir = inputDir == null ? "" : inputDir;
    return this;
  }

  public String getOutput() {
    return output;
  }

  public SpikePreprocessConfig setOutput(String output) {
    this.output = output == null ? "" : output;
    return this;
  }

  public boolean isOverwrite() {
    return overwrite;
  }

  public SpikePreprocessConfig setOverwrite(boolean overwrite) {
    this.overwrite = overwrite;
    return this;
  }

  public int getChannels() {
    return channels;
  }

  public SpikePreprocessConfig setChannels(int channels) {
    this.channels = channels;
    return this;
  }

  public int getNSteps() {
    return nSteps;
  }

  public SpikePreprocessConfig setNSteps(int nSteps) {
    this.nSteps = nSteps;
    return this;
  }

  public double getMaxTime() {
    return maxTime;
  }

  public SpikePreprocessConfig setMaxTime(double maxTime) {
    this.maxTime = maxTime;
    return this;
  }

  public double getTimeWindow() {
    return timeWindow;
  }

  public SpikePreprocessConfig setTimeWindow(double timeWindow) {
    this.timeWindow = timeWindow;
    return this;
  }

  public Binning getBinning() {
    return binning;
  }

  public SpikePreprocessConfig setBinning(Binning binning) {
    this.binning = java.util.Objects.requireNonNull(binning, "binning");
    return this;
  }

  public Mode getMode() {
    return mode;
  }

  public SpikePreprocessConfig setMode(Mode mode) {
    this.mode = mode;
    return this;
  }

  public double getDownsample() {
    return downsample;
  }

  public SpikePreprocessConfig setDownsample(double downsample) {
    this.downsample = downsample;
    return this;
  }

  public int getShardsPerSplit() {
    return shardsPerSplit;
  }

  public SpikePreprocessConfig setShardsPerSplit(int shardsPerSplit) {
    this.shardsPerSplit = shardsPerSplit;
    return this;
  }

  public int getRowsPerShard() {
    return rowsPerShard;
  }

  public SpikePreprocessConfig setRowsPerShard(int rowsPerShard) {
    this.rowsPerShard = rowsPerShard;
    return this;
  }

  public int getReadPartitions() {
    return readPartitions;
  }

  public SpikePreprocessConfig setReadPartitions(int readPartitions) {
    this.readPartitions = readPartitions;
    return this;
  }

  public RemoteRead getRemoteRead() {
    return remoteRead;
  }

  public SpikePreprocessConfig setRemoteRead(RemoteRead remoteRead) {
    this.remoteRead = java.util.Objects.requireNonNull(remoteRead, "remoteRead");
    return this;
  }

  public double getValidFraction() {
    return validFraction;
  }

  public SpikePreprocessConfig setValidFraction(double validFraction) {
    this.validFraction = validFraction;
    return this;
  }

  public ValidBy getValidBy() {
    return validBy;
  }

  public SpikePreprocessConfig setValidBy(ValidBy validBy) {
    this.validBy = validBy;
    return this;
  }

  public List<Integer> getValidSpeakers() {
    return Collections.unmodifiableList(validSpeakers);
  }

  public SpikePreprocessConfig setValidSpeakers(List<Integer> validSpeakers) {
    this.validSpeakers = new ArrayList<>(validSpeakers);
    return this;
  }

  public long getSeed() {
    return seed;
  }

  public SpikePreprocessConfig setSeed(long seed) {
    this.seed = seed;
    return this;
  }

  public OnBadSample getOnBadSample() {
    return onBadSample;
  }

  public SpikePreprocessConfig setOnBadSample(OnBadSample onBadSample) {
    this.onBadSample = onBadSample;
    return this;
  }
}
