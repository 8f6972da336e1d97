package org.snnspark.bench;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.hdf5.SpikeH5Reader;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;

/**
 * Spike preprocessing against the floor of reading the same file: a synthetic file of SHD's size
 * and, by estimate, density (SHD's layout, 700 channels, 20 classes, ~9,000 spikes per sample:
 * {@link SyntheticShdConfig#withShdSpikeDensity()}) is generated in a temporary directory; then
 * <ul>
 *   <li>{@link #bareRead()}: jhdf reads {@code spikes/times}, {@code spikes/units} and
 *       {@code labels} whole, in one thread — nothing but decoding the file;
 *   <li>{@link #job(SparkSession)}: {@link SpikePreprocessJob} with its defaults (100 steps over
 *       1.4 s, counts) end to end, in a Spark session that is already running (as under
 *       spark-submit; its start is reported separately): inspects and checksums the file, reads,
 *       bins and writes Parquet shards plus the manifest, and commits the directory.
 * </ul>
 */
final class PreprocessBench implements AutoCloseable {
  private final Path dir;
  private final Path file;
  private final int samples;
  private long spikes;
  private int shards;

  PreprocessBench(int samples, long seed) throws IOException {
    this.samples = samples;
    dir = Files.createTempDirectory("snn-spark-bench-");
    SyntheticShdConfig cfg = new SyntheticShdConfig().withSamples(samples, 0).withClasses(20).withShdSpikeDensity()
        .withSeed(seed);
    file = new SyntheticShdGenerator(cfg).generate(dir.resolve("raw")).get(0);
  }

  int samples() {
    return samples;
  }

  long fileBytes() throws IOException {
    return Files.size(file);
  }

  /** The dataset directory {@link #job} writes. */
  Path dataset() {
    return dir.resolve("dataset");
  }

  /** Parquet shards the job wrote (known after the first {@link #job}). */
  int shards() {
    return shards;
  }

  /** Spikes in the file (known after the first {@link #bareRead()}). */
  long spikes() {
    return spikes;
  }

  /** Reads every sample's spikes and the labels with jhdf; returns the number of spikes read. */
  double bareRead() {
    long n = 0;
    double check = 0;
    try (HdfFile hdf = new HdfFile(file)) {
      Object times = hdf.getDatasetByPath(SpikeH5Reader.TIMES).getData();
      Object units = hdf.getDatasetByPath(SpikeH5Reader.UNITS).getData();
      Object labels = hdf.getDatasetByPath(SpikeH5Reader.LABELS).getData();
      int count = Array.getLength(times);
      if (count != samples || Array.getLength(units) != count || Array.getLength(labels) != count) {
        throw new IllegalStateException("expected " + samples + " samples in " + file);
      }
      for (int i = 0; i < count; i++) {
        Object t = Array.get(times, i);
        int len = Array.getLength(t);
        n += len;
        if (len > 0) {
          check += ((Number) Array.get(t, len - 1)).doubleValue();
        }
        n += Array.getLength(Array.get(units, i)) - len; // 0 unless the file is inconsistent
      }
    }
    spikes = n;
    return n + check * 1e-12;
  }

  /** One run of the spike preprocessing job into the temporary directory; returns the rows written. */
  double job(SparkSession spark) {
    SpikePreprocessConfig cfg = new SpikePreprocessConfig();
    cfg.setInputs(Map.of("train", file.toString()));
    cfg.setOutput(dataset().toString());
    cfg.setOverwrite(true);
    DatasetManifest m = new SpikePreprocessJob(cfg).run(spark);
    long rows = m.getShards().stream().mapToLong(s -> s.rows).sum();
    shards = m.getShards().size();
    if (rows != samples) {
      throw new IllegalStateException("the job wrote " + rows + " rows for " + samples + " samples");
    }
    return rows;
  }

  @Override
  public void close() {
    TempTrees.delete(dir);
  }
}
