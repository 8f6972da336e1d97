package org.snnspark.preprocess.spikes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.hdf5.HadoopSeekableChannel;
import org.snnspark.preprocess.hdf5.SpikeH5Reader;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig.RemoteRead;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.TestSpark;
import org.snnspark.preprocess.testutil.MiniHdfs;

/**
 * Not part of the suite (run with {@code -Dsnn.bench=true -Dtest=HdfsReadBenchmark}): reading an
 * SHD-sized HDF5 file (8156 samples) that lives on HDFS — localising it (copy once per executor,
 * then jhdf on the local copy) against jhdf in place over {@link HadoopSeekableChannel} — with a
 * plain local read as the reference. HDFS is a MiniDFSCluster on loopback: no network, the
 * DataNode's block files in the page cache, so these are lower bounds for a real cluster.
 */
class HdfsReadBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger("org.snnspark.bench");

  @Test
  void localCopyVersusSeekableAdapter(@TempDir Path tmp) throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("snn.bench"), "benchmark: -Dsnn.bench=true");
    int n = Integer.getInteger("snn.bench.samples", 8156);
    int tasks = Integer.getInteger("snn.bench.tasks", 8);
    List<Path> files = new SyntheticShdGenerator(SyntheticShdConfig.defaults().withSamples(n, 10))
        .generate(tmp.resolve("in"));
    Path local = files.get(0);
    long size = Files.size(local);
    try (MiniHdfs hdfs = new MiniHdfs(tmp.resolve("hdfs").toFile())) {
      FileSystem fs = hdfs.fs();
      org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(hdfs.uri() + "/data/shd_train.h5");
      long t0 = System.nanoTime();
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), remote);
      LOG.info("file: {} samples, {} bytes; upload to HDFS {} ms", n, size, ms(t0));
      Configuration conf = hdfs.conf();
      for (int rep = 0; rep < 3; rep++) {
        t0 = System.nanoTime();
        long spikes = readAll(new SpikeH5Reader(local, "local"), n);
        double readLocal = s(t0);

        t0 = System.nanoTime();
        String sha;
        try (var in = Files.newInputStream(local)) {
          sha = HadoopFiles.sha256(in);
        }
        double shaLocal = s(t0);

        // the copy approach: a fresh copy (new modification time -> new cache key), then local reads
        fs.setTimes(remote, System.currentTimeMillis() + rep, -1);
        int copiesBefore = SourceFiles.COPIES_MADE.get();
        t0 = System.nanoTime();
        SourceFiles.Opened copied = SourceFiles.inspect(remote.toString(), conf, RemoteRead.COPY);
        copied.reader().close();
        double copySeconds = s(t0);
        t0 = System.nanoTime();
        SourceFiles.open(remote.toString(), conf, RemoteRead.COPY, size, sha).close();
        double reuse = s(t0);
        if (SourceFiles.COPIES_MADE.get() != copiesBefore + 1 || !copied.sha256().equals(sha)) {
          throw new AssertionError("expected exactly one copy with the local file's checksum");
        }

        // the adapter: jhdf in place; whole file as one task, then one task's slice of `tasks`
        t0 = System.nanoTime();
        HadoopSeekableChannel ch = new HadoopSeekableChannel(fs, remote);
        long spikesRemote = readAll(new SpikeH5Reader(ch, remote.toString()), n);
        double readRemote = s(t0);
        if (spikesRemote != spikes) {
          throw new AssertionError(spikesRemote + " spikes over HDFS, " + spikes + " locally");
        }
        t0 = System.nanoTime();
        HadoopSeekableChannel slice = new HadoopSeekableChannel(fs, remote);
        int per = (n + tasks - 1) / tasks;
        try (SpikeH5Reader r = new SpikeH5Reader(slice, remote.toString())) {
          for (long i = per; i < 2L * per; i += ShardTask.BLOCK) {
            r.read(i, (int) Math.min(ShardTask.BLOCK, 2L * per - i));
          }
        }
        double readSlice = s(t0);
        t0 = System.nanoTime();
        try (var in = fs.open(remote)) {
          if (!HadoopFiles.sha256(in).equals(sha)) {
            throw new AssertionError("checksums differ");
          }
        }
        double shaRemote = s(t0);
        LOG.info(String.format(java.util.Locale.ROOT,
            "rep %d: local jhdf read of all %d samples (%d spikes) %.2f s, sha256 %.2f s | copy from"
                + " HDFS incl. SHA-256 and open %.2f s (%.0f MB/s), reuse %.1f ms | in place over HDFS: all samples %.2f s"
                + " (%d fetches, %d MB), one task's slice of %d (%d samples) %.2f s (%d fetches, %.1f MB),"
                + " sha256 streamed from HDFS %.2f s",
            rep, n, spikes, readLocal, shaLocal, copySeconds, size / 1e6 / copySeconds, reuse * 1e3,
            readRemote, ch.fetches(), ch.bytesFetched() >> 20, tasks, per, readSlice, slice.fetches(),
            slice.bytesFetched() / 1e6, shaRemote));
      }

      // the whole job on local[2] (8 read tasks), output to local disk: the sources read from the
      // local disk, and from HDFS both ways (the job logs its read stage's time separately)
      var spark = TestSpark.get();
      spark.sparkContext().hadoopConfiguration().set("fs.defaultFS", hdfs.uri());
      for (int rep = 0; rep < 3; rep++) {
        String[][] runs = {
            {"local->local", local.toUri().toString(), tmp.resolve("out-local-" + rep).toUri().toString(), "STREAM"},
            {"hdfs->local STREAM", remote.toString(), tmp.resolve("out-stream-" + rep).toUri().toString(), "STREAM"},
            {"hdfs->local COPY", remote.toString(), tmp.resolve("out-copy-" + rep).toUri().toString(), "COPY"}};
        for (String[] run : runs) {
          fs.setTimes(remote, System.currentTimeMillis(), -1); // COPY: a new key, so a fresh copy
          t0 = System.nanoTime();
          new SpikePreprocessJob(new SpikePreprocessConfig().addInput("train", run[1]).setOutput(run[2])
              .setReadPartitions(tasks).setRemoteRead(RemoteRead.valueOf(run[3]))).run(spark);
          LOG.info(String.format(java.util.Locale.ROOT, "job rep %d %s: %.2f s", rep, run[0], s(t0)));
        }
      }
      spark.sparkContext().hadoopConfiguration().unset("fs.defaultFS");
    }
  }

  private static long readAll(SpikeH5Reader reader, int n) {
    long spikes = 0;
    try (SpikeH5Reader r = reader) {
      for (long i = 0; i < n; i += ShardTask.BLOCK) {
        SpikeH5Reader.Block b = r.read(i, (int) Math.min(ShardTask.BLOCK, n - i));
        for (float[] t : b.times()) {
          spikes += t.length;
        }
      }
    }
    return spikes;
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static double s(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
