/**
 * A Parquet encoder for shards that Spark's writer would otherwise make: rows of a Spark schema of
 * scalar fields followed by arrays of int or float, written through parquet-mr's file writer with
 * the arrays encoded a whole row at a time ({@link org.snnspark.preprocess.parquet.ParquetShardWriter}).
 * It knows Parquet, not spikes: what a row holds is the caller's (the spike job's
 * {@code spikes.ShardWriter}).
 */
package org.snnspark.preprocess.parquet;
