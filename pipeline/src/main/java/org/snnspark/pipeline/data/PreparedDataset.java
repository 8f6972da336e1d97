package org.snnspark.pipeline.data;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import org.snnspark.preprocess.dataset.FeatureSchema;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.dataset.OptionException;

/**
 * A dataset directory written by {@code preprocess} as the trainer sees it: the manifest (shapes,
 * class names, split counts, normalisation) and each split's Parquet shards read back as samples
 * on the executors. Spike datasets give sparse samples, feature datasets dense ones.
 */
public final class PreparedDataset {
  private static final Logger LOG = LoggerFactory.getLogger(PreparedDataset.class);
  private final SparkSession spark;
  private final String dir;
  private final DatasetManifest manifest;

  private PreparedDataset(SparkSession spark, String dir, DatasetManifest manifest) {
    this.spark = spark;
    this.dir = dir;
    this.manifest = manifest;
  }

  public static PreparedDataset open(SparkSession spark, String dir) {
    DatasetManifest manifest =
        DatasetManifest.read(spark.sparkContext().hadoopConfiguration(), dir);
    String kind = manifest.getKind();
    if (!DatasetManifest.KIND_SPIKES.equals(kind) && !DatasetManifest.KIND_FEATURES.equals(kind)) {
      throw new IllegalArgumentException("dataset " + dir + " holds '" + kind + "' rows; the"
          + " trainer reads '" + DatasetManifest.KIND_SPIKES + "' and '"
          + DatasetManifest.KIND_FEATURES + "' datasets");
    }
    // a directory a copy left half done: refused before any work
    DatasetVerifier.ShardListing listing = DatasetVerifier.listShards(
        spark.sparkContext().hadoopConfiguration(), dir, manifest);
    List<String> problems = listing.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("dataset " + dir + " is incomplete (" + String.join("; ",
          problems.subList(0, Math.min(5, problems.size()))) + (problems.size() > 5 ? "; ..." : "")
          + "): run 'verify' on it, or preprocess it again");
    }
    if (!listing.unlisted().isEmpty()) {
      LOG.warn("dataset {} holds {} file(s) its manifest does not list, which are not read: {}{}", dir,
          listing.unlisted().size(), String.join(", ", listing.unlisted().subList(0, Math.min(5,
              listing.unlisted().size()))), listing.unlisted().size() > 5 ? ", ..." : "");
    }
    return new PreparedDataset(spark, dir, manifest);
  }

  /**
   * Refuses a model whose input or output size is not the dataset's, naming both shapes.
   *
   * @throws OptionException on a mismatch
   */
  public void requireFits(MultiLayerNetwork net, String option, String model) {
    long inputs = net.layerInputSize(0);
    int channels = batchBuilder().channels();
    if (inputs != channels) {
      throw new OptionException("{" + option + "} " + model + " takes " + inputs + " input channels"
          + " per step but {dataset} " + dir + " has " + channels + " (" + manifest.getKind()
          + " frames of " + manifest.getNumSteps() + " steps x " + channels + "): use a model"
          + " trained on data of this shape");
    }
    long outputs = net.layerSize(net.getnLayers() - 1);
    int classes = classNames().size();
    if (outputs != classes) {
      throw new OptionException("{" + option + "} " + model + " scores " + outputs + " classes but"
          + " {dataset} " + dir + " names " + classes + ": use a model trained on this label set");
    }
  }

  public DatasetManifest manifest() {
    return manifest;
  }

  public String dir() {
    return dir;
  }

  public boolean isSpikes() {
    return isSpikes(manifest);
  }

  /** Whether the dataset {@code manifest} describes holds spike frames (else feature frames). */
  public static boolean isSpikes(DatasetManifest manifest) {
    return DatasetManifest.KIND_SPIKES.equals(manifest.getKind());
  }

  public List<String> classNames() {
    return manifest.getClassNames();
  }

  public boolean hasSplit(String split) {
    Long n = manifest.getSplitCounts().get(split);
    return n != null && n > 0;
  }

  /** The splits that hold samples, in the manifest's order. */
  public List<String> splitNames() {
    return manifest.getSplitCounts().entrySet().stream().filter(e -> e.getValue() > 0)
        .map(Map.Entry::getKey).toList();
  }

  public long count(String split) {
    return manifest.getSplitCounts().getOrDefault(split, 0L);
  }

  /**
   * Batches in the network's layout. Feature datasets whose stored values are not standardised
   * are standardised here with the train statistics the manifest records.
   */
  public BatchBuilder batchBuilder() {
    return batchBuilder(manifest);
  }

  /** {@link #batchBuilder()} of the dataset {@code manifest} describes. */
  public static BatchBuilder batchBuilder(DatasetManifest manifest) {
    int channels = manifest.getNumChannels();
    int steps = manifest.getNumSteps();
    int classes = manifest.getClassNames().size();
    DatasetManifest.Normalization norm = manifest.getNormalization();
    if (isSpikes(manifest) || norm == null || norm.applied) {
      return new BatchBuilder(channels, steps, classes);
    }
    return new BatchBuilder(channels, steps, classes,
        norm.mean.stream().mapToDouble(Double::doubleValue).toArray(),
        norm.std.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The samples of one split, read from its shards by the executors. */
  public JavaRDD<Sample> samples(String split) {
    boolean spikes = isSpikes();
    return rows(split).select(FrameSchema.SAMPLE_ID, Stream.concat(Stream.of(FrameSchema.LABEL),
            frameColumns(spikes).stream()).toArray(String[]::new))
        .javaRDD()
        .map(r -> labeled(r, spikes));
  }

  /** The columns that hold a stored sample's frame, for spike or feature datasets. */
  public static List<String> frameColumns(boolean spikes) {
    return spikes
        ? List.of(FrameSchema.SPIKE_TIME, FrameSchema.SPIKE_CHANNEL, FrameSchema.SPIKE_COUNT)
        : List.of(FeatureSchema.N_FRAMES, FeatureSchema.N_FEATURES, FeatureSchema.FEATURES);
  }

  static Sample labeled(Row r, boolean spikes) {
    if (r.isNullAt(r.fieldIndex(FrameSchema.LABEL))) {
      throw new IllegalArgumentException("sample " + r.getAs(FrameSchema.SAMPLE_ID) + " has no label:"
          + " training and scoring need labelled splits ('predict' takes unlabelled ones)");
    }
    return sample(r, spikes);
  }

  /** One split's rows with every stored column (ids, labels, speakers, sources and frames). */
  public Dataset<Row> rows(String split) {
    if (!hasSplit(split)) {
      throw new IllegalArgumentException("dataset " + dir + " has no samples in split '" + split
          + "' (samples per split: " + manifest.getSplitCounts() + ")");
    }
    // the shards the manifest lists, not whatever else a killed job left in the directory
    String[] shards = manifest.getShards().stream().filter(s -> s.split.equals(split))
        .map(s -> new Path(dir, s.path).toString()).toArray(String[]::new);
    return spark.read().option("basePath", new Path(dir, FrameSchema.splitDir(split)).toString())
        .parquet(shards);
  }

  /**
   * A stored row as a sample, its frame columns looked up by name (the row may hold any others).
   * A row without a label (no label column, or null) becomes a sample of class 0, for inference.
   */
  public static Sample sample(Row r, boolean spikes) {
    int labelAt = fieldIndex(r, FrameSchema.LABEL);
    int label = labelAt < 0 || r.isNullAt(labelAt) ? 0 : r.getInt(labelAt);
    String id = r.getAs(FrameSchema.SAMPLE_ID);
    if (spikes) {
      return new SparseSample(id, label, ints(r.getList(r.fieldIndex(FrameSchema.SPIKE_TIME))),
          ints(r.getList(r.fieldIndex(FrameSchema.SPIKE_CHANNEL))),
          ints(r.getList(r.fieldIndex(FrameSchema.SPIKE_COUNT))));
    }
    List<Float> values = r.getList(r.fieldIndex(FeatureSchema.FEATURES));
    float[] f = new float[values.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = values.get(i);
    }
    return new DenseSample(id, label, r.getInt(r.fieldIndex(FeatureSchema.N_FRAMES)),
        r.getInt(r.fieldIndex(FeatureSchema.N_FEATURES)), f);
  }

  private static int fieldIndex(Row r, String name) {
    return r.schema().getFieldIndex(name).isDefined() ? r.fieldIndex(name) : -1;
  }

  private static int[] ints(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
