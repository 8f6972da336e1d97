package org.snnspark.preprocess.spikes;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.hdf5.SpikeH5Reader;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.TestSpark;

/**
 * Not part of the suite (run with {@code -Dsnn.bench=true -Dtest=SpikeReadBenchmark}): samples/s of
 * a bare jhdf read (whole dataset, and slices of 256) against the job on local[2], on an SHD-sized
 * synthetic train file.
 */
class SpikeReadBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger("org.snnspark.bench");

  @Test
  void jhdfVersusJob(@TempDir Path tmp) {
    Assumptions.assumeTrue(Boolean.getBoolean("snn.bench"), "benchmark: -Dsnn.bench=true");
    int n = Integer.getInteger("snn.bench.samples", 8156);
    List<Path> files = new SyntheticShdGenerator(SyntheticShdConfig.defaults().withSamples(n, 1)).generate(tmp.resolve("in"));
    Path train = files.get(0);
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      long spikes = 0;
      try (SpikeH5Reader r = new SpikeH5Reader(train, "train")) {
        SpikeH5Reader.Block b = r.read(0, (int) r.numSamples());
        for (float[] t : b.times()) {
          spikes += t.length;
        }
      }
      double whole = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      try (SpikeH5Reader r = new SpikeH5Reader(train, "train")) {
        for (long s = 0; s < r.numSamples(); s += 256) {
          r.read(s, (int) Math.min(256, r.numSamples() - s));
        }
      }
      double sliced = (System.nanoTime() - t0) / 1e9;
      LOG.info("bare jhdf, {} samples ({} spikes): whole dataset {} s = {} samples/s; slices of 256 {} s = {} samples/s",
          n, spikes, String.format("%.2f", whole), String.format("%.0f", n / whole),
          String.format("%.2f", sliced), String.format("%.0f", n / sliced));
    }
    for (int rep = 0; rep < 2; rep++) {
      long t0 = System.nanoTime();
      DatasetManifest m = new SpikePreprocessJob(new SpikePreprocessConfig().addInput("train", train.toString())
          .setOutput(tmp.resolve("out" + rep).toString())).run(TestSpark.get());
      double s = (System.nanoTime() - t0) / 1e9;
      LOG.info("job on local[2]: {} samples in {} s = {} samples/s end to end ({} shards, {} bytes)", n,
          String.format("%.2f", s), String.format("%.0f", n / s), m.getShards().size(),
          m.getShards().stream().mapToLong(DatasetManifest.Shard::getSizeBytes).sum());
    }
  }
}
