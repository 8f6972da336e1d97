package org.snnspark.preprocess.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code manifest.json} of a dataset directory: what the data is (kind, shapes, class names,
 * per-split counts and statistics), where it came from (source files and their SHA-256, every
 * preprocessing parameter) and what the directory holds (each shard with rows, size and SHA-256).
 * A plain Jackson bean: unknown properties are ignored when reading, so older readers accept
 * additive changes; a newer {@code schemaVersion} is refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "kind", "createdBy", "sources", "parameters", "classNames",
    "numChannels", "inputChannels", "numSteps", "binWidthSeconds", "windowEndSeconds", "mode",
    "layout", "splitCounts", "spikeStats", "featureStats", "normalization", "validation", "skippedCount",
    "skipped", "shards"})
public class DatasetManifest implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int SCHEMA_VERSION = 1;
  public static final String FILE_NAME = "manifest.json";
  public static final String KIND_SPIKES = "spikes";
  /** Rows hold dense feature frames (log-mel / filterbank), see {@link FeatureSchema}. */
  public static final String KIND_FEATURES = "features";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private int schemaVersion = SCHEMA_VERSION;
  private String kind;
  private String createdBy;
  private List<Source> sources = new ArrayList<>();
  private Map<String, String> parameters = new LinkedHashMap<>();
  private List<String> classNames = new ArrayList<>();
  private int numChannels;
  private int inputChannels;
  private int numSteps;
  private double binWidthSeconds;
  private double windowEndSeconds;
  private String mode;
  private Map<String, String> layout = new LinkedHashMap<>();
  private Map<String, Long> splitCounts = new LinkedHashMap<>();
  private Map<String, SplitStats> spikeStats = new LinkedHashMap<>();
  private Map<String, FeatureStats> featureStats;
  private Normalization normalization;
  private Validation validation;
  private long skippedCount;
  private List<Skipped> skipped = new ArrayList<>();
  private List<Shard> shards = new ArrayList<>();

  /** A source file. */
  @JsonPropertyOrder({"split", "path", "sizeBytes", "sha256", "samples"})
  public static class Source implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The split the file was given as (before a validation split is carved out of it). */
    public String split;
    /** The path or URI as given, qualified. */
    public String path;
    public long sizeBytes;
    public String sha256;
    public long samples;

    public Source() {}

    public Source(String split, String path, long sizeBytes, String sha256, long samples) {
      this.split = split;
      this.path = path;
      this.sizeBytes = sizeBytes;
      this.sha256 = sha256;
      this.samples = samples;
    }
  }

  /** Spike statistics of one split (of the samples written; skipped samples are not included). */
  @JsonPropertyOrder({"samples", "spikes", "spikesInWindow", "spikesBeyondWindow",
      "samplesWithSpikesBeyondWindow", "maxSpikeTimeSeconds", "meanSpikesPerSample",
      "minSpikesPerSample", "maxSpikesPerSample", "nonZeroEntries", "maxEntryCount", "classCounts"})
  public static class SplitStats implements Serializable {
    private static final long serialVersionUID = 1L;
    public long samples;
    /** All spikes in the source samples. */
    public long spikes;
    /** Spikes binned into frames (spikes - spikesBeyondWindow). */
    public long spikesInWindow;
    /** Spikes at or after the window end: not in the frames (kept in events mode). */
    public long spikesBeyondWindow;
    public long samplesWithSpikesBeyondWindow;
    public double maxSpikeTimeSeconds;
    public double meanSpikesPerSample;
    public long minSpikesPerSample;
    public long maxSpikesPerSample;
    /** Sparse (time, channel) entries stored. */
    public long nonZeroEntries;
    /** Largest count in one (time bin, channel) cell. */
    public long maxEntryCount;
    /** Samples per class index. */
    public List<Long> classCounts = new ArrayList<>();
  }

  /** Statistics of one split of a features dataset (of the samples written; skipped ones are not included). */
  @JsonPropertyOrder({"samples", "frames", "minFrames", "maxFrames", "meanFrames", "sourceSeconds",
      "minSourceSeconds", "maxSourceSeconds", "sourceBytes", "padded", "cropped", "resampled",
      "sourceSampleRates", "classCounts", "contentSha256"})
  public static class FeatureStats implements Serializable {
    private static final long serialVersionUID = 1L;
    public long samples;
    /** Frames of all samples (the rows of the per-feature statistics). */
    public long frames;
    public long minFrames;
    public long maxFrames;
    public double meanFrames;
    /** Audio duration of the sources before padding/cropping, summed. */
    public double sourceSeconds;
    public double minSourceSeconds;
    public double maxSourceSeconds;
    public long sourceBytes;
    /** Samples zero-padded / cropped to the fixed clip length. */
    public long padded;
    public long cropped;
    /** Samples whose source rate differed from the target rate. */
    public long resampled;
    /** Source sample rate (Hz, as text) -> samples. */
    public Map<String, Long> sourceSampleRates = new java.util.TreeMap<>();
    /** Samples per class index. */
    public List<Long> classCounts = new ArrayList<>();
    /**
     * SHA-256 over the split's samples in row order, one line {@code <sample id> <SHA-256 of the
     * source file>} each: a fingerprint of exactly which audio went in.
     */
    public String contentSha256;
  }

  /** Per-feature statistics for standardising features, computed over every frame of one split. */
  @JsonPropertyOrder({"split", "frames", "applied", "mean", "std"})
  public static class Normalization implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The split the statistics come from (train). */
    public String split;
    public long frames;
    /** Whether the stored features are already standardised with these values. */
    public boolean applied;
    /** Mean of each feature (index = feature), over all frames of the split. */
    public List<Double> mean = new ArrayList<>();
    /** Population standard deviation of each feature. */
    public List<Double> std = new ArrayList<>();
  }

  /** How the validation split was made from train (present only when it was). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"from", "method", "fraction", "seed", "speakers", "samples"})
  public static class Validation implements Serializable {
    private static final long serialVersionUID = 1L;
    public String from;
    public String method;
    public double fraction;
    public long seed;
    public List<Integer> speakers;
    public long samples;
  }

  /** A sample left out with onBadSample=SKIP. */
  @JsonPropertyOrder({"file", "index", "problem"})
  public static class Skipped implements Serializable {
    private static final long serialVersionUID = 1L;
    public String file;
    public long index;
    public String problem;

    public Skipped() {}

    public Skipped(String file, long index, String problem) {
      this.file = file;
      this.index = index;
      this.problem = problem;
    }
  }

  /** One Parquet file. */
  @JsonPropertyOrder({"split", "path", "rows", "sizeBytes", "sha256"})
  public static class Shard implements Serializable {
    private static final long serialVersionUID = 1L;
    public String split;
    /** Relative to the dataset directory, e.g. {@code split=train/part-00000.parquet}. */
    public String path;
    public long rows;
    public long sizeBytes;
    public String sha256;

    public Shard() {}

    public Shard(String split, String path, long rows, long sizeBytes, String sha256) {
      this.split = split;
      this.path = path;
      this.rows = rows;
      this.sizeBytes = sizeBytes;
      this.sha256 = sha256;
    }

    public String getSplit() {
      return split;
    }

    public String getPath() {
      return path;
    }

    public long getRows() {
      return rows;
    }

    public long getSizeBytes() {
      return sizeBytes;
    }

    public String getSha256() {
      return sha256;
    }
  }

  /**
   * Reads {@code <datasetDir>/manifest.json} through Hadoop's FileSystem.
   *
   * @throws UncheckedIOException naming the directory if there is no manifest (not a dataset, or
   *     an unfinished one) or it cannot be parsed; IllegalStateException for a newer schema
   */
  public static DatasetManifest read(Configuration conf, String datasetDir) {
    Path file = new Path(datasetDir, FILE_NAME);
    DatasetManifest m;
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      m = MAPPER.readValue(in, DatasetManifest.class);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(whyNoManifest(conf, datasetDir), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (m.schemaVersion > SCHEMA_VERSION) {
      throw new IllegalStateException(file + " has schemaVersion " + m.schemaVersion
          + "; this build reads up to " + SCHEMA_VERSION);
    }
    return m;
  }

  /** What is at {@code datasetDir}, which has no manifest: nothing, a file, or a directory that is no dataset. */
  private static String whyNoManifest(Configuration conf, String datasetDir) {
    Path dir = new Path(datasetDir);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (!fs.exists(dir)) {
        return datasetDir + " does not exist";
      }
      if (fs.getFileStatus(dir).isFile()) {
        return datasetDir + " is a file, not a dataset directory";
      }
      java.util.Optional<String> writer = InPlaceOutput.unfinishedBy(fs, dir);
      if (writer.isPresent()) {
        return "no " + FILE_NAME + " in " + datasetDir + ": an unfinished dataset, whose job (" + writer.get()
            + ") was interrupted or still runs; preprocess it again";
      }
    } catch (IOException e) {
      // the directory cannot be looked at either: say what was looked for
    }
    return "no " + FILE_NAME + " in " + datasetDir + ": not a dataset directory (or one whose preprocessing did not finish)";
  }

  /** Writes {@code <datasetDir>/manifest.json} (overwriting) through Hadoop's FileSystem. */
  public void write(Configuration conf, String datasetDir) {
    Path file = new Path(datasetDir, FILE_NAME);
    try {
      FileSystem fs = HadoopFiles.forWriting(file, conf);
      try (OutputStream out = fs.create(file, true)) {
        out.write(toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The manifest as pretty-printed JSON (ending in a newline). */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static DatasetManifest fromJson(String json) {
    try {
      return MAPPER.readValue(json, DatasetManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a dataset manifest: " + e.getMessage(), e);
    }
  }

  /** Shards of one split, in file order. */
  public List<Shard> shardsOf(String split) {
    List<Shard> out = new ArrayList<>();
    for (Shard s : shards) {
      if (s.split.equals(split)) {
        out.add(s);
      }
    }
    return out;
  }

  // Bean accessors.

  public int getSchemaVersion() {
    return schemaVersion;
  }

  public void setSchemaVersion(int schemaVersion) {
    this.schemaVersion = schemaVersion;
  }

  /** What rows hold: {@link #KIND_SPIKES} (sparse spike frames) or {@link #KIND_FEATURES} (dense features). */
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public void setCreatedBy(String createdBy) {
    this.createdBy = createdBy;
  }

  public List<Source> getSources() {
    return sources;
  }

  public void setSources(List<Source> sources) {
    this.sources = sources;
  }

  /** Every preprocessing option and its value (as text). */
  public Map<String, String> getParameters() {
    return parameters;
  }

  public void setParameters(Map<String, String> parameters) {
    this.parameters = parameters;
  }

  /** Class names indexed by label. */
  public List<String> getClassNames() {
    return classNames;
  }

  public void setClassNames(List<String> classNames) {
    this.classNames = classNames;
  }

  /**
   * Channels of the frames: spikes after downsampling (the dense frame is [numChannels, numSteps]);
   * for features, the features per frame (n_features).
   */
  public int getNumChannels() {
    return numChannels;
  }

  public void setNumChannels(int numChannels) {
    this.numChannels = numChannels;
  }

  /** Channels of the source files. */
  public int getInputChannels() {
    return inputChannels;
  }

  public void setInputChannels(int inputChannels) {
    this.inputChannels = inputChannels;
  }

  /** Time bins of the frames (features: frames of the fixed clip length, or the most frames of any sample). */
  public int getNumSteps() {
    return numSteps;
  }

  public void setNumSteps(int numSteps) {
    this.numSteps = numSteps;
  }

  public double getBinWidthSeconds() {
    return binWidthSeconds;
  }

  public void setBinWidthSeconds(double binWidthSeconds) {
    this.binWidthSeconds = binWidthSeconds;
  }

  /** Spikes at or after this time are outside the frames. */
  public double getWindowEndSeconds() {
    return windowEndSeconds;
  }

  public void setWindowEndSeconds(double windowEndSeconds) {
    this.windowEndSeconds = windowEndSeconds;
  }

  /** COUNT, BINARY or EVENTS. */
  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  /** How rows and files are laid out (column meanings, directory pattern), for readers without this code. */
  public Map<String, String> getLayout() {
    return layout;
  }

  public void setLayout(Map<String, String> layout) {
    this.layout = layout;
  }

  /** Rows per split. */
  public Map<String, Long> getSplitCounts() {
    return splitCounts;
  }

  public void setSplitCounts(Map<String, Long> splitCounts) {
    this.splitCounts = splitCounts;
  }

  /** Spike datasets: statistics per split (left out of features manifests). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public Map<String, SplitStats> getSpikeStats() {
    return spikeStats;
  }

  public void setSpikeStats(Map<String, SplitStats> spikeStats) {
    this.spikeStats = spikeStats;
  }

  /** Features datasets: statistics per split (null for spike datasets). */
  public Map<String, FeatureStats> getFeatureStats() {
    return featureStats;
  }

  public void setFeatureStats(Map<String, FeatureStats> featureStats) {
    this.featureStats = featureStats;
  }

  /** Features datasets: per-feature mean and std of the training split (null for spike datasets). */
  public Normalization getNormalization() {
    return normalization;
  }

  public void setNormalization(Normalization normalization) {
    this.normalization = normalization;
  }

  public Validation getValidation() {
    return validation;
  }

  public void setValidation(Validation validation) {
    this.validation = validation;
  }

  public long getSkippedCount() {
    return skippedCount;
  }

  public void setSkippedCount(long skippedCount) {
    this.skippedCount = skippedCount;
  }

  public List<Skipped> getSkipped() {
    return skipped;
  }

  public void setSkipped(List<Skipped> skipped) {
    this.skipped = skipped;
  }

  public List<Shard> getShards() {
    return shards;
  }

  public void setShards(List<Shard> shards) {
    this.shards = shards;
  }
}
