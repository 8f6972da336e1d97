package org.snnspark.pipeline.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.FrameSchema;

/**
 * A prepared dataset directory as the trainer sees it: the manifest (shapes, class names, split
 * counts) and each split's Parquet shards read back as sparse samples on the executors.
 */
public final class SpikeDataset {
  private final SparkSession spark;
  private final String dir;
  private final DatasetManifest manifest;

  private SpikeDataset(SparkSession spark, String dir, DatasetManifest manifest) {
    this.spark = spark;
    this.dir = dir;
    this.manifest = manifest;
  }

  public static SpikeDataset open(SparkSession spark, String dir) {
    DatasetManifest manifest =
        DatasetManifest.read(spark.sparkContext().hadoopConfiguration(), dir);
    if (!"spikes".equals(manifest.getKind())) {
      throw new IllegalArgumentException("dataset " + dir + " holds '" + manifest.getKind()
          + "' rows; this trainer reads spike datasets");
    }
    requireShards(spark.sparkContext().hadoopConfiguration(), dir, manifest);
    return new SpikeDataset(spark, dir, manifest);
  }

  /**
   * Refuses a directory whose manifest lists shards that are missing or of another size (a copy or
   * a non-atomic commit, e.g. on s3a, that stopped half way). One listing per split; the checksums
   * are {@code verify}'s job.
   */
  static void requireShards(Configuration conf, String dir, DatasetManifest manifest) {
    Path root = new Path(dir);
    Map<String, Long> sizes = new HashMap<>();
    List<String> problems = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      Set<String> splits = new TreeSet<>();
      manifest.getShards().forEach(s -> splits.add(s.path.substring(0, Math.max(0, s.path.lastIndexOf('/')))));
      for (String split : splits) {
        try {
          for (FileStatus st : fs.listStatus(split.isEmpty() ? root : new Path(root, split))) {
            sizes.put((split.isEmpty() ? "" : split + "/") + st.getPath().getName(), st.getLen());
          }
        } catch (FileNotFoundException e) {
          problems.add(split + "/ missing");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list dataset " + dir + ": " + e.getMessage(), e);
    }
    for (DatasetManifest.Shard s : manifest.getShards()) {
      Long size = sizes.get(s.path);
      if (size == null) {
        problems.add(s.path + " missing");
      } else if (size != s.sizeBytes) {
        problems.add(s.path + " has " + size + " bytes, the manifest says " + s.sizeBytes);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("dataset " + dir + " is incomplete (" + String.join("; ",
          problems.subList(0, Math.min(5, problems.size()))) + (problems.size() > 5 ? "; ..." : "")
          + "): run 'verify' on it, or preprocess it again");
    }
  }

  public DatasetManifest manifest() {
    return manifest;
  }

  public String dir() {
    return dir;
  }

  public List<String> classNames() {
    return manifest.getClassNames();
  }

  public boolean hasSplit(String split) {
    Long n = manifest.getSplitCounts().get(split);
    return n != null && n > 0;
  }

  public long count(String split) {
    return manifest.getSplitCounts().getOrDefault(split, 0L);
  }

  public BatchBuilder batchBuilder() {
    return new BatchBuilder(manifest.getNumChannels(), manifest.getNumSteps(),
        manifest.getClassNames().size());
  }

  /** The samples of one split, read from its shards by the executors. */
  public JavaRDD<SparseSample> samples(String split) {
    if (!hasSplit(split)) {
      throw new IllegalArgumentException("dataset " + dir + " has no split '" + split
          + "' (it has " + manifest.getSplitCounts().keySet() + ")");
    }
    String path = new Path(dir, "split=" + split).toString();
    return spark.read().parquet(path)
        .select(FrameSchema.SAMPLE_ID, FrameSchema.LABEL, FrameSchema.SPIKE_TIME,
            FrameSchema.SPIKE_CHANNEL, FrameSchema.SPIKE_COUNT)
        .javaRDD()
        .map(SpikeDataset::toSample);
  }

  private static SparseSample toSample(Row r) {
    return new SparseSample(r.getString(0), r.getInt(1), ints(r.getList(2)), ints(r.getList(3)),
        ints(r.getList(4)));
  }

  private static int[] ints(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
