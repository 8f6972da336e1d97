package org.snnspark.preprocess.dataset;

import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * How a job makes its output appear (docs/outputs.md). {@link #RENAME}: built under a hidden
 * sibling and renamed into place, atomic where a directory rename is (HDFS, local disks).
 * {@link #IN_PLACE}: written under the final names, the output's own commit file written last
 * (a dataset's {@code manifest.json}, predictions' {@code predictions.json}) and the
 * {@link InPlaceOutput#UNFINISHED} marker removed then, because on object stores a directory
 * rename copies every object and a job killed during it leaves a partial directory.
 *
 * <p>Chosen per output by {@value #KEY} in the Hadoop configuration ({@code --spark-conf
 * spark.hadoop.snnspark.output.commit=...}): {@code auto} (default) writes in place on the object
 * stores' filesystems ({@link #OBJECT_STORE_SCHEMES}) and renames elsewhere; {@code rename} or
 * {@code in-place} force one.
 */
public enum CommitProtocol {
  RENAME,
  IN_PLACE;

  /** The Hadoop configuration key that chooses the protocol: auto, rename or in-place. */
  public static final String KEY = "snnspark.output.commit";

  /**
   * Filesystems whose directory rename is a copy of every object: Amazon S3 (s3a), Google Cloud
   * Storage (gs), Azure Blob/ADLS (wasb, abfs), Alibaba OSS, Tencent COS, Huawei OBS. Hadoop 3.3
   * has no path capability saying "directory rename is atomic", so the scheme decides.
   */
  public static final Set<String> OBJECT_STORE_SCHEMES = Set.of("s3a", "s3", "s3n", "gs", "wasb", "wasbs",
      "abfs", "abfss", "oss", "cosn", "obs");

  /** The protocol for outputs on {@code fs}, as {@code conf} chooses it. */
  public static CommitProtocol of(Configuration conf, FileSystem fs) {
    String v = conf.getTrimmed(KEY, "auto").toLowerCase(Locale.ROOT);
    switch (v) {
      case "auto":
        return isObjectStore(fs) ? IN_PLACE : RENAME;
      case "rename":
        return RENAME;
      case "in-place":
        return IN_PLACE;
      default:
        throw new OptionException(KEY + " is '" + v + "' (valid values: auto, rename, in-place)");
    }
  }

  /** Whether {@code fs} is an object store: a file appears whole when closed, a rename copies. */
  public static boolean isObjectStore(FileSystem fs) {
    return OBJECT_STORE_SCHEMES.contains(fs.getUri().getScheme());
  }
}
