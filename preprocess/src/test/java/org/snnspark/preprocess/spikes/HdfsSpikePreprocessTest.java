package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.hdf5.SpikeDataException;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig.RemoteRead;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.MiniHdfs;
import org.snnspark.preprocess.testutil.TestSpark;

/**
 * The spike job against a real HDFS (MiniDFSCluster on loopback, one per class): sources read in
 * place and by per-executor copy give the bytes a local run gives; a write that HDFS refuses half
 * way (space quota) leaves nothing; commits never land inside an existing directory.
 */
class HdfsSpikePreprocessTest {
  @TempDir static Path tmp;
  static MiniHdfs hdfs;
  static DistributedFileSystem fs;
  static String raw;
  static Path localRaw;

  @BeforeAll
  static void start() throws Exception {
    hdfs = new MiniHdfs(tmp.resolve("hdfs").toFile());
    fs = hdfs.fs();
    localRaw = tmp.resolve("raw");
    raw = hdfs.put("/raw", new SyntheticShdGenerator(SyntheticShdConfig.defaults().withSamples(120, 40)
        .withChannels(64).withClasses(4).withSeed(5)).generate(localRaw).toArray(Path[]::new));
  }

  @AfterAll
  static void stop() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  private static SparkSession spark() {
    return TestSpark.get();
  }

  private static Configuration conf() {
    return spark().sparkContext().hadoopConfiguration();
  }

  private static SpikePreprocessConfig config(String inputDir, String output) {
    return new SpikePreprocessConfig().setInputDir(inputDir).setOutput(output).setChannels(64)
        .setNSteps(40).setValidFraction(0.25).setRowsPerShard(20).setReadPartitions(6);
  }

  private static List<String> shardHashes(DatasetManifest m) {
    return m.getShards().stream().map(s -> s.path + " " + s.sha256).collect(Collectors.toList());
  }

  private static List<String> names(String dir) throws Exception {
    return hdfs.list(dir);
  }

  @Test
  void hdfsToHdfsGivesTheBytesOfALocalRunWhetherStreamedOrCopiedAndOverwriteSwapsWholeDirectories()
      throws Exception {
    DatasetManifest local = new SpikePreprocessJob(config(localRaw.toString(),
        tmp.resolve("local-ds").toString())).run(spark());

    int copies = SourceFiles.COPIES_MADE.get();
    String out = hdfs.uri() + "/out/ds";
    DatasetManifest streamed = new SpikePreprocessJob(config(raw, out)).run(spark());
    assertEquals(copies, SourceFiles.COPIES_MADE.get(), "STREAM reads in place: no copies");
    assertEquals(shardHashes(local), shardHashes(streamed));
    assertEquals(local.getSplitCounts(), streamed.getSplitCounts());
    assertTrue(streamed.getSources().get(0).path.startsWith("hdfs://"), streamed.getSources().get(0).path);
    assertTrue(DatasetVerifier.verify(conf(), out).ok());
    List<String> listening = MiniHdfs.listeningAddresses(); // HDFS and Spark both up now
    assertTrue(listening.stream().allMatch(MiniHdfs::isLoopback), "listening on " + listening);

    IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
        () -> new SpikePreprocessJob(config(raw, out)).run(spark()));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());

    DatasetManifest copied = new SpikePreprocessJob(config(raw, out).setRemoteRead(RemoteRead.COPY)
        .setOverwrite(true)).run(spark());
    // 2 files; 6 read tasks and 2 inspect tasks in one executor JVM: one copy per file
    assertEquals(copies + 2, SourceFiles.COPIES_MADE.get(), "COPY: once per file and executor");
    assertEquals(shardHashes(local), shardHashes(copied));
    assertEquals("COPY", DatasetManifest.read(conf(), out).getParameters().get("remoteRead"),
        "the second run's directory replaced the first");
    DatasetVerifier.Report r = DatasetVerifier.verify(conf(), out);
    assertTrue(r.ok(), r.toString());
    assertEquals(160, r.rows());
    // nothing old or temporary left next to it, nothing but the dataset in it, shards really on HDFS
    assertEquals(List.of("ds"), names(hdfs.uri() + "/out"));
    assertEquals(List.of("manifest.json", "split=test", "split=train", "split=valid"), names(out));
    FileStatus shard = fs.getFileStatus(new org.apache.hadoop.fs.Path(out + "/" + copied.getShards().get(0).path));
    assertEquals(copied.getShards().get(0).sizeBytes, shard.getLen());
  }

  @Test
  void aSourceThatChangedSinceInspectionIsRefused() throws Exception {
    String uri = raw + "/shd_test.h5";
    long size = fs.getFileStatus(new org.apache.hadoop.fs.Path(uri)).getLen();
    SpikeDataException bySize = assertThrows(SpikeDataException.class,
        () -> SourceFiles.open(uri, conf(), RemoteRead.STREAM, size + 1, "x"));
    assertTrue(bySize.getMessage().contains("changed while the job ran"), bySize.getMessage());
    SpikeDataException byChecksum = assertThrows(SpikeDataException.class,
        () -> SourceFiles.open(uri, conf(), RemoteRead.COPY, size, "0".repeat(64)));
    assertTrue(byChecksum.getMessage().contains("SHA-256"), byChecksum.getMessage());
  }

  @Test
  void aWriteThatHdfsRefusesHalfWayLeavesNothing() throws Exception {
    // A space quota 4 KiB over one block. HDFS charges a file being written a whole block (Parquet
    // asks for blocks of its row-group size, 128 MiB) and completed files their length: the first
    // shard fits, and once written shards hold over 4 KiB the next one cannot get a block — the
    // write stage fails half way with HDFS's own DSQuotaExceededException.
    org.apache.hadoop.fs.Path parent = new org.apache.hadoop.fs.Path(hdfs.uri() + "/quota");
    fs.mkdirs(parent);
    long block = Math.max(fs.getDefaultBlockSize(parent), conf().getLong("parquet.block.size", 128L << 20));
    fs.setQuota(parent, HdfsConstants.QUOTA_DONT_SET, block + 4096);
    String out = parent + "/ds";
    Exception e = assertThrows(Exception.class,
        () -> new SpikePreprocessJob(config(raw, out).setRowsPerShard(5)).run(spark()));
    assertTrue(chain(e).contains("DSQuotaExceededException"), chain(e));
    assertEquals(List.of(), names(parent.toString()), "no output, no temporary directory");
    assertFalse(DatasetVerifier.verify(conf(), out).ok());
  }

  @Test
  void commitsNeverLandInsideAnExistingDirectoryAndRestoreTheOldOneOnFailure() throws Exception {
    // why: HDFS's plain rename moves a directory INTO an existing one and reports success
    org.apache.hadoop.fs.Path a = new org.apache.hadoop.fs.Path(hdfs.uri() + "/plain/a");
    org.apache.hadoop.fs.Path b = new org.apache.hadoop.fs.Path(hdfs.uri() + "/plain/b");
    write(new org.apache.hadoop.fs.Path(a, "x"), "x");
    write(new org.apache.hadoop.fs.Path(b, "y"), "y");
    assertTrue(fs.rename(a, b));
    assertEquals(List.of("a", "y"), names(b.toString()));

    // the commit refuses instead, leaving both as they were
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(hdfs.uri() + "/c/target");
    org.apache.hadoop.fs.Path staged = new org.apache.hadoop.fs.Path(hdfs.uri() + "/c/.target.staged");
    write(new org.apache.hadoop.fs.Path(target, "old"), "old");
    write(new org.apache.hadoop.fs.Path(staged, "new"), "new");
    assertThrows(FileAlreadyExistsException.class, () -> HadoopFiles.commitDirectory(fs, staged, target, false));
    assertEquals(List.of("old"), names(target.toString()));
    assertTrue(fs.exists(staged));

    // a commit whose second rename fails puts the old output back
    org.apache.hadoop.fs.Path missing = new org.apache.hadoop.fs.Path(hdfs.uri() + "/c/.never-written");
    assertThrows(java.io.IOException.class, () -> HadoopFiles.commitDirectory(fs, missing, target, true));
    assertEquals(List.of(".target.staged", "target"), names(hdfs.uri() + "/c"));
    assertEquals(List.of("old"), names(target.toString()));

    HadoopFiles.commitDirectory(fs, staged, target, true);
    assertEquals(List.of("target"), names(hdfs.uri() + "/c"));
    assertEquals(List.of("new"), names(target.toString()));
    assertEquals("new", hdfs.read(target + "/new"));
  }

  private static void write(org.apache.hadoop.fs.Path file, String content) throws Exception {
    hdfs.write(file.toString(), content);
  }

  private static String chain(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      b.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return b.toString();
  }
}
