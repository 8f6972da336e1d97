package org.snnspark.preprocess.dataset;

import org.apache.spark.Partitioner;

/**
 * Sends each sample to the partition of its output shard. Keys are
 * {@code shard << 40 | fileIndex << 32 | sampleIndex} (see {@link #key}), so Spark's sort within a
 * partition orders a shard's rows by (source file, index) — the same order whatever the number of
 * read tasks, which is what makes shard bytes reproducible.
 */
public final class ShardPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int shards;

  public ShardPartitioner(int shards) {
    this.shards = shards;
  }

  public static long key(int shard, int fileIndex, long sampleIndex) {
    if (fileIndex < 0 || fileIndex > 255 || sampleIndex < 0 || sampleIndex > 0xffffffffL || shard < 0 || shard >= (1 << 23)) {
      throw new IllegalArgumentException("key out of range: shard " + shard + ", file " + fileIndex + ", sample " + sampleIndex);
    }
    return ((long) shard << 40) | ((long) fileIndex << 32) | sampleIndex;
  }

  /**
   * Shards for a split of {@code count} samples: {@code shardsPerSplit} when set (> 0, at most one
   * per sample), else ceil(count / rowsPerShard); none for an empty split.
   */
  public static int shardCount(long count, int shardsPerSplit, int rowsPerShard) {
    if (count == 0) {
      return 0;
    }
    if (shardsPerSplit > 0) {
      return (int) Math.min(shardsPerSplit, count);
    }
    return (int) Math.max(1, (count + rowsPerShard - 1) / rowsPerShard);
  }

  public static int shardOf(long key) {
    return (int) (key >>> 40);
  }

  @Override
  public int numPartitions() {
    return shards;
  }

  @Override
  public int getPartition(Object key) {
    return shardOf((Long) key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPartitioner p && p.shards == shards;
  }

  @Override
  public int hashCode() {
    return shards;
  }
}
