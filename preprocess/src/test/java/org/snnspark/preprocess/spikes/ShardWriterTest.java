package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.dataset.ParquetFooters;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.TestSpark;

/**
 * The job writes its shards through parquet-mr directly ({@link ShardWriter}); the files must be
 * the ones Spark's own Parquet writer makes of the same rows, byte for byte, once Spark's footer is
 * made canonical the same way ({@link ParquetFooters}: Spark's parquet-mr lists a column's encodings
 * in HashSet order, which follows the enum constants' identity hashes and so differs between JVMs;
 * the job sorts those lists, and {@link org.snnspark.preprocess.dataset.DatasetOutput} does the same
 * to the files Spark writes for the audio job).
 */
class ShardWriterTest {
  @ParameterizedTest
  @EnumSource(value = SpikePreprocessConfig.Mode.class, names = {"COUNT", "EVENTS"})
  void shardsAreTheBytesSparksParquetWriterMakesOfTheSameRows(SpikePreprocessConfig.Mode mode, @TempDir Path tmp)
      throws Exception {
    SparkSession spark = TestSpark.get();
    new SyntheticShdGenerator(SyntheticShdConfig.defaults().withSamples(120, 30)).generate(tmp.resolve("in"));
    DatasetManifest m = new SpikePreprocessJob(new SpikePreprocessConfig().setInputDir(tmp.resolve("in").toString())
        .setOutput(tmp.resolve("ds").toString()).setMode(mode).setValidFraction(0.2).setShardsPerSplit(2)).run(spark);
    assertEquals(6, m.getShards().size());
    String legacyKey = "spark.sql.parquet.writeLegacyFormat";
    String legacy = spark.conf().get(legacyKey, "false");
    spark.conf().set(legacyKey, "false");
    try {
      for (DatasetManifest.Shard s : m.getShards()) {
        Path ours = tmp.resolve("ds").resolve(s.path);
        // Spark reads every column of a file source as nullable: restore the dataset schema
        Dataset<Row> rows = spark.createDataFrame(spark.read().parquet(ours.toString()).javaRDD(),
            FrameSchema.schema(mode == SpikePreprocessConfig.Mode.EVENTS));
        Path again = tmp.resolve("spark").resolve(s.path);
        rows.coalesce(1).write().mode(SaveMode.ErrorIfExists).option("compression", "snappy").parquet(again.toString());
        List<Path> parts;
        try (Stream<Path> files = Files.list(again)) {
          parts = files.filter(p -> p.getFileName().toString().matches("part-.*\\.parquet")).toList();
        }
        assertEquals(1, parts.size());
        ParquetFooters.canonicalizeAndHash(FileSystem.getLocal(new Configuration()),
            new org.apache.hadoop.fs.Path(parts.get(0).toUri()));
        assertArrayEquals(Files.readAllBytes(parts.get(0)), Files.readAllBytes(ours), s.path);
        assertEquals(rows.count(), s.rows, "Spark reads every row back");
        assertEquals(Files.size(ours), s.sizeBytes);
      }
    } finally {
      spark.conf().set(legacyKey, legacy);
    }
  }
}
