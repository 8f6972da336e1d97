package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.dataset.JobOwner;
import org.snnspark.preprocess.dataset.StaleDirectories;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.DeadJob;
import org.snnspark.preprocess.testutil.LogLines;
import org.snnspark.preprocess.testutil.RemoteLikeFileSystem;
import org.snnspark.preprocess.testutil.TestSpark;

/** The job end to end on synthetic SHD-layout files. */
class SpikePreprocessJobTest {
  private static final SyntheticShdConfig SYNTH = SyntheticShdConfig.defaults().withSamples(150, 50);
  @TempDir static Path shared;
  static Path inputs;
  static SyntheticShdGenerator gen;

  @BeforeAll
  static void generate() {
    inputs = shared.resolve("synthetic");
    gen = new SyntheticShdGenerator(SYNTH);
    gen.generate(inputs);
  }

  private static SpikePreprocessConfig config(Path out) {
    return new SpikePreprocessConfig().setInputDir(inputs.toString()).setOutput(out.toString());
  }

  private static SparkSession spark() {
    return TestSpark.get();
  }

  @Test
  void shardBytesDoNotDependOnReadPartitions(@TempDir Path tmp) throws Exception {
    DatasetManifest one = new SpikePreprocessJob(config(tmp.resolve("one")).setReadPartitions(1)
        .setShardsPerSplit(2).setValidFraction(0.2)).run(spark());
    DatasetManifest three = new SpikePreprocessJob(config(tmp.resolve("three")).setReadPartitions(3)
        .setShardsPerSplit(2).setValidFraction(0.2)).run(spark());
    assertEquals(one.getShards().size(), three.getShards().size());
    assertEquals(6, one.getShards().size());
    for (int i = 0; i < one.getShards().size(); i++) {
      DatasetManifest.Shard a = one.getShards().get(i);
      DatasetManifest.Shard b = three.getShards().get(i);
      assertEquals(a.path, b.path);
      assertEquals(a.sha256, b.sha256);
      assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve(a.path)),
          Files.readAllBytes(tmp.resolve("three").resolve(b.path)));
    }
    assertEquals(one.getSplitCounts(), three.getSplitCounts());
    // the directory holds the manifest and the shards, nothing else visible
    try (Stream<Path> files = Files.walk(tmp.resolve("one"))) {
      Set<String> visible = files.filter(Files::isRegularFile)
          .map(p -> tmp.resolve("one").relativize(p).toString())
          .filter(p -> !p.startsWith(".") && !p.contains("/."))
          .collect(Collectors.toSet());
      Set<String> expected = new HashSet<>(List.of("manifest.json"));
      one.getShards().forEach(s -> expected.add(s.path));
      assertEquals(expected, visible);
    }
    // no temporary directory is left next to the outputs
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(Set.of("one", "three"), files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
  }

  @Test
  void validationSplitByFractionIsStratifiedAndDisjoint(@TempDir Path tmp) {
    Path out = tmp.resolve("ds");
    DatasetManifest m = new SpikePreprocessJob(config(out).setValidFraction(0.2).setSeed(7)).run(spark());
    assertEquals(List.of("train", "valid", "test"), List.copyOf(m.getSplitCounts().keySet()));
    assertEquals(120L, m.getSplitCounts().get("train"));
    assertEquals(30L, m.getSplitCounts().get("valid"));
    assertEquals(50L, m.getSplitCounts().get("test"));
    // 15 samples per class in train: round(0.2 * 15) = 3 of each class go to valid
    m.getSpikeStats().get("valid").classCounts.forEach(c -> assertEquals(3L, c));
    assertEquals("FRACTION", m.getValidation().method);
    assertEquals(30, m.getValidation().samples);
    Set<String> train = ids(out, "train");
    Set<String> valid = ids(out, "valid");
    assertEquals(120, train.size());
    assertEquals(30, valid.size());
    train.retainAll(valid);
    assertTrue(train.isEmpty());
    valid.forEach(id -> assertTrue(id.startsWith("shd_train/")));
  }

  @Test
  void validationSplitBySpeaker(@TempDir Path tmp) {
    Path out = tmp.resolve("ds");
    DatasetManifest m = new SpikePreprocessJob(config(out)
        .setValidBy(SpikePreprocessConfig.ValidBy.SPEAKER).setValidSpeakers(List.of(3, 0))).run(spark());
    assertEquals(List.of(0, 3), m.getValidation().speakers);
    List<Row> valid = spark().read().parquet(out.resolve("split=valid").toString()).collectAsList();
    assertFalse(valid.isEmpty());
    valid.forEach(r -> assertTrue(Set.of(0, 3).contains((int) r.getAs(FrameSchema.SPEAKER))));
    spark().read().parquet(out.resolve("split=train").toString()).collectAsList()
        .forEach(r -> assertFalse(Set.of(0, 3).contains((int) r.getAs(FrameSchema.SPEAKER))));
    assertEquals(150L, m.getSplitCounts().get("train") + m.getSplitCounts().get("valid"));
  }

  @Test
  void eventsModeKeepsEveryRawSpike(@TempDir Path tmp) {
    Path out = tmp.resolve("ds");
    DatasetManifest m = new SpikePreprocessJob(config(out).setMode(SpikePreprocessConfig.Mode.EVENTS)
        .setMaxTime(0.5)).run(spark());
    assertEquals("EVENTS", m.getMode());
    assertTrue(m.getSpikeStats().get("train").spikesBeyondWindow > 0, "a 0.5 s window cuts these samples");
    Dataset<Row> df = spark().read().parquet(out.resolve("split=test").toString());
    assertEquals(FrameSchema.FRAMES_WITH_EVENTS.fieldNames().length, df.columns().length);
    for (Row r : df.collectAsList()) {
      SyntheticShdGenerator.Sample s = gen.sample(true, (int) (long) r.getAs(FrameSchema.SOURCE_INDEX));
      List<Float> t = r.getList(r.fieldIndex(FrameSchema.EVENT_TIME));
      List<Integer> u = r.getList(r.fieldIndex(FrameSchema.EVENT_CHANNEL));
      assertEquals(s.times().length, t.size());
      for (int k = 0; k < t.size(); k++) {
        assertEquals(s.times()[k], t.get(k));
        assertEquals(s.units()[k], u.get(k));
      }
      int binned = r.getList(r.fieldIndex(FrameSchema.SPIKE_COUNT)).stream().mapToInt(x -> (Integer) x).sum();
      long inWindow = 0;
      for (float x : s.times()) {
        inWindow += x < 0.5 ? 1 : 0;
      }
      assertEquals(inWindow, binned);
    }
  }

  @Test
  void downsampleBinaryAndTimeWindow(@TempDir Path tmp) {
    Path out = tmp.resolve("ds");
    DatasetManifest m = new SpikePreprocessJob(config(out).setDownsample(0.5)
        .setMode(SpikePreprocessConfig.Mode.BINARY).setTimeWindow(0.01).setMaxTime(1.0)).run(spark());
    assertEquals(350, m.getNumChannels());
    assertEquals(700, m.getInputChannels());
    assertEquals(100, m.getNumSteps());
    assertEquals(1, m.getSpikeStats().get("train").maxEntryCount);
    for (Row r : spark().read().parquet(out.resolve("split=train").toString()).collectAsList()) {
      assertEquals(350, (int) r.getAs(FrameSchema.N_CHANNELS));
      List<Integer> t = r.getList(r.fieldIndex(FrameSchema.SPIKE_TIME));
      List<Integer> c = r.getList(r.fieldIndex(FrameSchema.SPIKE_CHANNEL));
      SyntheticShdGenerator.Sample s = gen.sample(false, (int) (long) r.getAs(FrameSchema.SOURCE_INDEX));
      Set<Long> cells = new HashSet<>();
      for (int k = 0; k < s.times().length; k++) {
        cells.add((long) Math.floor(s.times()[k] / 0.01) * 1000 + s.units()[k] / 2);
      }
      assertEquals(cells.size(), t.size());
      for (int k = 0; k < t.size(); k++) {
        assertTrue(cells.contains(t.get(k) * 1000L + c.get(k)));
        assertTrue(k == 0 || t.get(k) > t.get(k - 1) || (t.get(k).equals(t.get(k - 1)) && c.get(k) > c.get(k - 1)),
            "entries sorted by (time, channel)");
      }
    }
  }

  @Test
  void existingOutputNeedsOverwrite(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("ds");
    new SpikePreprocessJob(config(out).setShardsPerSplit(1)).run(spark());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SpikePreprocessJob(config(out)).run(spark()));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    DatasetManifest m = new SpikePreprocessJob(config(out).setShardsPerSplit(2).setOverwrite(true)).run(spark());
    assertEquals(4, m.getShards().size());
    assertTrue(DatasetVerifier.verify(spark().sparkContext().hadoopConfiguration(), out.toString()).ok());
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of("ds"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }
  }

  @Test
  void overwriteReplacesOnlyADataset(@TempDir Path tmp) throws Exception {
    Path notes = tmp.resolve("notes");
    Files.createDirectories(notes.resolve("drafts"));
    Files.writeString(notes.resolve("marker.txt"), "mine");
    OptionException folder = assertThrows(OptionException.class,
        () -> new SpikePreprocessJob(config(notes).setOverwrite(true)).run(spark()));
    assertEquals("output file:" + notes + " holds drafts/, marker.txt but no manifest.json: it is not a dataset"
        + " written by snn-spark, and overwrite replaces only those (a directory with manifest.json); remove it"
        + " yourself or choose another output", folder.getMessage());
    assertEquals("mine", Files.readString(notes.resolve("marker.txt")));

    Path file = tmp.resolve("results.csv");
    Files.writeString(file, "a,b\n");
    OptionException plain = assertThrows(OptionException.class,
        () -> new SpikePreprocessJob(config(file).setOverwrite(true)).run(spark()));
    assertTrue(plain.getMessage().startsWith("output file:" + file + " is a file (4 bytes): it is not a dataset"),
        plain.getMessage());
    assertEquals("a,b\n", Files.readString(file));

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    new SpikePreprocessJob(config(empty).setShardsPerSplit(1).setOverwrite(true)).run(spark());
    assertTrue(Files.exists(empty.resolve(DatasetManifest.FILE_NAME)), "an empty directory holds nothing to lose");
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of("empty", "notes", "results.csv"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary directory left by the refused jobs");
    }
  }

  @Test
  void temporaryDirectoriesOfKilledRunsAreRemovedByTheNextRun(@TempDir Path tmp) throws Exception {
    JobOwner dead = DeadJob.owner();
    Path killed = tmp.resolve(".ds.tmp-" + dead.tag() + "-0a1b2c3d");
    Files.createDirectories(killed.resolve("_parts"));
    Files.write(killed.resolve("_parts/part-00000.parquet"), new byte[5000]);
    Path running = Files.createDirectories(tmp.resolve(".ds.tmp-" + JobOwner.current().tag() + "-4e5f6a7b"));
    Path elsewhere = Files.createDirectories(tmp.resolve(".ds.tmp-other-host-17-1700000000000-8c9d0e1f"));
    Path older = Files.createDirectories(tmp.resolve(".ds.tmp-6f1c3b9e-5a1d-4c37-9f60-3f1e2d4c5b6a"));
    try (LogLines log = LogLines.of(StaleDirectories.class)) {
      new SpikePreprocessJob(config(tmp.resolve("ds")).setShardsPerSplit(1)).run(spark());
      assertEquals(List.of("removed file:" + killed + " (5000 bytes), the temporary directory of an earlier run left by"
          + " a job that ended without cleaning up (process " + dead.pid() + " on " + dead.host() + ")"),
          log.lines());
    }
    assertFalse(Files.exists(killed));
    assertTrue(Files.exists(running), "a live job's directory is never taken from it");
    assertTrue(Files.exists(elsewhere), "nor one whose job this machine cannot see");
    assertTrue(Files.exists(older), "nor one whose job is unknown");
  }

  @Test
  void nonLocalFilesystemAndPlainSparkReadBack(@TempDir Path tmp) {
    String scheme = RemoteLikeFileSystem.SCHEME + "://";
    String out = scheme + tmp.resolve("ds");
    SpikePreprocessConfig cfg = new SpikePreprocessConfig()
        .addInput("train", scheme + inputs.resolve("shd_train.h5"))
        .addInput("test", scheme + inputs.resolve("shd_test.h5"))
        .setOutput(out);
    DatasetManifest m = new SpikePreprocessJob(cfg).run(spark());
    assertTrue(m.getSources().get(0).path.startsWith(scheme));
    assertTrue(DatasetVerifier.verify(spark().sparkContext().hadoopConfiguration(), out).ok());
    // all splits at once: glob the split directories, basePath makes split a column again
    // (the root itself also holds manifest.json, which Spark would try to read as Parquet)
    String root = tmp.resolve("ds").toString();
    Dataset<Row> all = spark().read().option("basePath", root).parquet(root + "/split=*");
    assertEquals(200, all.count());
    assertEquals(50, all.filter("split = 'test'").count());
    DatasetManifest again = DatasetManifest.read(spark().sparkContext().hadoopConfiguration(), out);
    assertEquals(m.toJson(), again.toJson());
  }

  private static Set<String> ids(Path out, String split) {
    List<String> ids = new ArrayList<>();
    spark().read().parquet(out.resolve("split=" + split).toString()).select(FrameSchema.SAMPLE_ID)
        .collectAsList().forEach(r -> ids.add(r.getString(0)));
    return new HashSet<>(ids);
  }
}
