package org.snnspark.pipeline.data;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import org.snnspark.preprocess.dataset.FeatureSchema;
import org.snnspark.preprocess.dataset.FrameSchema;

/**
 * A dataset directory written by {@code preprocess} as the trainer sees it: the manifest (shapes,
 * class names, split counts, normalisation) and each split's Parquet shards read back as samples
 * on the executors. Spike datasets give sparse samples, feature datasets dense ones.
 */
public final class PreparedDataset {
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
    // a directory a copy or a non-atomic commit (s3a) left half done: refused before any work
    List<String> problems = DatasetVerifier.listedShardsPresent(
        spark.sparkContext().hadoopConfiguration(), dir, manifest);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("dataset " + dir + " is incomplete (" + String.join("; ",
          problems.subList(0, Math.min(5, problems.size()))) + (problems.size() > 5 ? "; ..." : "")
          + "): run 'verify' on it, or preprocess it again");
    }
    return new PreparedDataset(spark, dir, manifest);
  }

  public DatasetManifest manifest() {
    return manifest;
  }

  public String dir() {
    return dir;
  }

  public boolean isSpikes() {
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
    int channels = manifest.getNumChannels();
    int steps = manifest.getNumSteps();
    int classes = manifest.getClassNames().size();
    DatasetManifest.Normalization norm = manifest.getNormalization();
    if (isSpikes() || norm == null || norm.applied) {
      return new BatchBuilder(channels, steps, classes);
    }
    return new BatchBuilder(channels, steps, classes,
        norm.mean.stream().mapToDouble(Double::doubleValue).toArray(),
        norm.std.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The samples of one split, read from its shards by the executors. */
  public JavaRDD<Sample> samples(String split) {
    if (!hasSplit(split)) {
      throw new IllegalArgumentException("dataset " + dir + " has no samples in split '" + split
          + "' (samples per split: " + manifest.getSplitCounts() + ")");
    }
    String path = new Path(dir, FrameSchema.splitDir(split)).toString();
    if (isSpikes()) {
      return spark.read().parquet(path)
          .select(FrameSchema.SAMPLE_ID, FrameSchema.LABEL, FrameSchema.SPIKE_TIME,
              FrameSchema.SPIKE_CHANNEL, FrameSchema.SPIKE_COUNT)
          .javaRDD()
          .map(PreparedDataset::spikes);
    }
    return spark.read().parquet(path)
        .select(FeatureSchema.SAMPLE_ID, FeatureSchema.LABEL, FeatureSchema.N_FRAMES,
            FeatureSchema.N_FEATURES, FeatureSchema.FEATURES)
        .javaRDD()
        .map(PreparedDataset::features);
  }

  private static Sample spikes(Row r) {
    return new SparseSample(r.getString(0), r.getInt(1), ints(r.getList(2)), ints(r.getList(3)),
        ints(r.getList(4)));
  }

  private static Sample features(Row r) {
    List<Float> values = r.getList(4);
    float[] f = new float[values.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = values.get(i);
    }
    return new DenseSample(r.getString(0), r.getInt(1), r.getInt(2), r.getInt(3), f);
  }

  private static int[] ints(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
