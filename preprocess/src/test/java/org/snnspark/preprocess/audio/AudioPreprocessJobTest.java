package org.snnspark.preprocess.audio;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import org.snnspark.preprocess.dataset.EmptyClasses;
import org.snnspark.preprocess.dataset.FeatureSchema;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.testutil.Footers;
import org.snnspark.preprocess.testutil.LogLines;
import org.snnspark.preprocess.testutil.RemoteLikeFileSystem;
import org.snnspark.preprocess.testutil.TestSpark;

/** The audio job end to end on tiny Speech Commands, Heidelberg Digits and folder corpora. */
class AudioPreprocessJobTest {
  @TempDir static Path shared;
  static Path gsc;
  static Path hd;

  @BeforeAll
  static void corpora() {
    gsc = AudioCorpora.gsc(shared.resolve("gsc"));
    hd = AudioCorpora.hd(shared.resolve("hd"));
  }

  private static SparkSession spark() {
    return TestSpark.get();
  }

  @Test
  void speechCommandsAllWordsFbankIsDeterministicAndConsistent(@TempDir Path tmp) throws Exception {
    AudioPreprocessConfig base = new AudioPreprocessConfig().setInputDir(gsc.toString()).setShardsPerSplit(2);
    DatasetManifest one = new AudioPreprocessJob(copy(base).setOutput(tmp.resolve("one").toString())
        .setReadPartitions(1)).run(spark());
    DatasetManifest three = new AudioPreprocessJob(copy(base).setOutput(tmp.resolve("three").toString())
        .setReadPartitions(3)).run(spark());

    assertEquals(DatasetManifest.KIND_FEATURES, one.getKind());
    assertEquals("GSC", one.getParameters().get("corpus"));
    assertEquals(List.of("cat", "no", "up", "yes"), one.getClassNames());
    assertEquals(Map.of("train", 16L, "valid", 8L, "test", 8L), one.getSplitCounts());
    assertEquals(List.of("train", "valid", "test"), List.copyOf(one.getSplitCounts().keySet()));
    assertEquals(40, one.getNumChannels());
    assertEquals("FBANK", one.getMode());
    assertEquals(0.01, one.getBinWidthSeconds(), 1e-12);
    assertEquals(6, one.getShards().size());
    // the same bytes whatever the decode partitioning
    for (int i = 0; i < one.getShards().size(); i++) {
      DatasetManifest.Shard a = one.getShards().get(i);
      DatasetManifest.Shard b = three.getShards().get(i);
      assertEquals(a.path, b.path);
      assertEquals(a.sha256, b.sha256);
      byte[] bytes = Files.readAllBytes(tmp.resolve("one").resolve(a.path));
      assertArrayEquals(bytes, Files.readAllBytes(tmp.resolve("three").resolve(b.path)));
      // the same in another JVM too: Spark's footer made canonical, and the checksum is of the final bytes
      Footers.assertCanonical(bytes, a.path);
      assertEquals(HexFormat.of().formatHex(HadoopFiles.newSha256().digest(bytes)), a.sha256);
    }
    assertEquals(one.getFeatureStats().get("train").contentSha256, three.getFeatureStats().get("train").contentSha256);
    assertTrue(DatasetVerifier.verify(new Configuration(), tmp.resolve("one").toString()).ok());
    String json = Files.readString(tmp.resolve("one").resolve(DatasetManifest.FILE_NAME));
    assertFalse(json.contains("spikeStats"), "no spike statistics in a features manifest");
    assertTrue(json.contains("\"normalization\""));

    // rows: ids sorted, speakers from the file names, features as the extractor computes them
    List<Row> train = spark().read().parquet(tmp.resolve("one").resolve("split=train").toString())
        .orderBy(FeatureSchema.SAMPLE_ID).collectAsList();
    assertEquals(16, train.size());
    int maxFrames = 0;
    for (Row r : train) {
      String id = r.getAs(FeatureSchema.SAMPLE_ID);
      String speaker = r.getAs(FeatureSchema.SPEAKER);
      assertTrue(id.endsWith(speaker + "_nohash_0") || id.endsWith(speaker + "_nohash_1"), id);
      assertTrue(Set.of(AudioCorpora.GSC_SPEAKERS.get(0), AudioCorpora.GSC_SPEAKERS.get(1)).contains(speaker));
      assertEquals(id + ".wav", r.getAs(FeatureSchema.SOURCE_FILE));
      assertEquals(one.getClassNames().get(r.getAs(FeatureSchema.LABEL)), r.getAs(FeatureSchema.LABEL_NAME));
      int frames = r.getAs(FeatureSchema.N_FRAMES);
      assertEquals(frames * 40, r.getList(r.fieldIndex(FeatureSchema.FEATURES)).size());
      maxFrames = Math.max(maxFrames, frames);
    }
    assertEquals(Math.max(maxFrames, one.getFeatureStats().values().stream().mapToInt(s -> (int) s.maxFrames).max()
        .orElse(0)), one.getNumSteps());
    Row yes = train.stream().filter(r -> r.getAs(FeatureSchema.SAMPLE_ID).equals("yes/0a7c2a8d_nohash_1"))
        .findFirst().orElseThrow();
    byte[] file = Files.readAllBytes(gsc.resolve("yes/0a7c2a8d_nohash_1.wav"));
    FeatureExtractor.Result expected = new FeatureExtractor(base).extract(AudioDecoder.decode(file, "x"), "x", 0);
    assertEquals(expected.frames(), (int) yes.getAs(FeatureSchema.N_FRAMES));
    List<Float> got = yes.getList(yes.fieldIndex(FeatureSchema.FEATURES));
    for (int i = 0; i < got.size(); i++) {
      assertEquals(expected.features()[i], got.get(i), "feature " + i);
    }

    // the manifest's normalisation is the per-feature mean / std of every train frame
    DatasetManifest.Normalization norm = one.getNormalization();
    assertEquals("train", norm.split);
    assertFalse(norm.applied);
    double[] sum = new double[40];
    double[] sumSq = new double[40];
    long frames = 0;
    for (Row r : train) {
      List<Float> f = r.getList(r.fieldIndex(FeatureSchema.FEATURES));
      for (int i = 0; i < f.size(); i++) {
        sum[i % 40] += f.get(i);
        sumSq[i % 40] += (double) f.get(i) * f.get(i);
      }
      frames += (int) r.getAs(FeatureSchema.N_FRAMES);
    }
    assertEquals(frames, norm.frames);
    assertEquals(frames, one.getFeatureStats().get("train").frames);
    for (int k = 0; k < 40; k++) {
      double mean = sum[k] / frames;
      double std = Math.sqrt(sumSq[k] / frames - mean * mean);
      assertEquals(mean, norm.mean.get(k), 1e-9 * Math.max(1, Math.abs(mean)), "mean " + k);
      assertEquals(std, norm.std.get(k), 1e-6, "std " + k);
    }
    // plain Parquet types: a string speaker that may be null, a standard list of non-null floats
    org.apache.hadoop.fs.Path shard = new org.apache.hadoop.fs.Path(tmp.resolve("one").resolve(one.getShards().get(0).path).toUri());
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(shard, new Configuration()))) {
      String schema = r.getFooter().getFileMetaData().getSchema().toString();
      assertTrue(schema.contains("optional binary speaker (STRING)"), schema);
      assertTrue(schema.contains("optional group features (LIST) {\n    repeated group list {\n      required float element;"),
          schema);
    }
    // one source per split plus the two lists
    assertEquals(5, one.getSources().size());
    assertTrue(one.getSources().get(3).path.endsWith("validation_list.txt"));
    assertEquals(8, one.getSources().get(3).samples);
  }

  @Test
  void speechCommandsKws12WithYinMelFeatures(@TempDir Path tmp) {
    Path out = tmp.resolve("kws");
    DatasetManifest m = new AudioPreprocessJob(new AudioPreprocessConfig().setInputDir(gsc.toString())
        .setOutput(out.toString()).setGscTask(AudioPreprocessConfig.GscTask.KWS12)
        .setKeywords(List.of("yes", "no", "up")).setUnknownFraction(-1).setSilenceFraction(0.25)
        .setFeatures(AudioPreprocessConfig.Features.MEL).setPeakNormalize(true).setClipSeconds(1)
        .setClipAlign(AudioPreprocessConfig.ClipAlign.CENTER)
        .setNormalize(AudioPreprocessConfig.Normalize.TRAIN_STATS)).run(spark());
    assertEquals(List.of("yes", "no", "up", "_silence_", "_unknown_"), m.getClassNames());
    // train: 12 keyword clips, all 4 "cat" as unknown, round(0.25 * 12) = 3 silence clips; valid/test: 6 + 2 + 2
    assertEquals(Map.of("train", 19L, "valid", 10L, "test", 10L), m.getSplitCounts());
    assertEquals(List.of(4L, 4L, 4L, 3L, 4L), m.getFeatureStats().get("train").classCounts);
    assertEquals(120, m.getNumChannels());
    assertEquals(101, m.getNumSteps());
    assertEquals("MEL", m.getMode());
    assertTrue(m.getNormalization().applied);
    assertTrue(m.getLayout().get("selection.silence.test").startsWith("2 clips of 1.0 s"));
    List<Row> train = spark().read().parquet(out.resolve("split=train").toString()).collectAsList();
    double[] sum = new double[120];
    double[] sumSq = new double[120];
    long frames = 0;
    int silence = 0;
    for (Row r : train) {
      assertEquals(101, (int) r.getAs(FeatureSchema.N_FRAMES));
      assertEquals(120, (int) r.getAs(FeatureSchema.N_FEATURES));
      if (r.getAs(FeatureSchema.LABEL_NAME).equals("_silence_")) {
        silence++;
        assertNull(r.getAs(FeatureSchema.SPEAKER));
        assertTrue(((String) r.getAs(FeatureSchema.SOURCE_FILE)).startsWith("_background_noise_/"));
        long start = r.getAs(FeatureSchema.SOURCE_INDEX);
        assertTrue(start >= 0 && start + 16000 <= 0.8 * 16000 * 12, "train clips from the first 80%: " + start);
      }
      List<Float> f = r.getList(r.fieldIndex(FeatureSchema.FEATURES));
      for (int i = 0; i < f.size(); i++) {
        sum[i % 120] += f.get(i);
        sumSq[i % 120] += (double) f.get(i) * f.get(i);
      }
      frames += 101;
    }
    assertEquals(3, silence);
    // stored standardised with the train statistics: each feature has mean 0 and std 1 over train
    for (int k = 0; k < 120; k++) {
      double mean = sum[k] / frames;
      assertEquals(0, mean, 1e-4, "mean of feature " + k);
      assertEquals(1, Math.sqrt(sumSq[k] / frames - mean * mean), 1e-3, "std of feature " + k);
    }
    List<Row> test = spark().read().parquet(out.resolve("split=test").toString()).collectAsList();
    for (Row r : test) {
      if (r.getAs(FeatureSchema.LABEL_NAME).equals("_silence_")) {
        long start = r.getAs(FeatureSchema.SOURCE_INDEX);
        assertTrue(start >= 0.9 * 16000 * 12 && start + 16000 <= 16000 * 12, "test clips from the last 10%: " + start);
      }
    }
  }

  @Test
  void theKeywordTaskWithoutBackgroundNoise(@TempDir Path tmp) throws Exception {
    Path corpus = AudioCorpora.gsc(tmp.resolve("gsc"));
    Path noise = corpus.resolve(CorpusListing.NOISE_DIR);
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(noise)) {
      for (Path f : files.toList()) {
        java.nio.file.Files.delete(f);
      }
    }
    AudioPreprocessConfig cfg = new AudioPreprocessConfig().setInputDir(corpus.toString())
        .setOutput(tmp.resolve("kws").toString()).setGscTask(AudioPreprocessConfig.GscTask.KWS12)
        .setKeywords(List.of("yes", "no", "up"));
    OptionException e = assertThrows(OptionException.class, () -> new AudioPreprocessJob(cfg).run(spark()));
    assertEquals("--silence-fraction 0.1 needs audio files in file:" + noise + ", there are none: add them, or pass"
        + " --silence-fraction 0 to make no _silence_ samples", e.message(k -> "--silence-fraction"));

    cfg.setSilenceFraction(0).setUnknownFraction(0);
    try (LogLines log = LogLines.of(EmptyClasses.class)) {
      DatasetManifest m = new AudioPreprocessJob(cfg).run(spark());
      assertEquals(List.of(4L, 4L, 4L, 0L, 0L), m.getFeatureStats().get("train").classCounts);
      assertEquals(1, log.lines().size(), log.lines().toString());
      assertTrue(log.lines().get(0).startsWith("class(es) [_silence_, _unknown_] have no samples in split 'train'"),
          log.lines().get(0));
    }
  }

  @Test
  void heidelbergDigitsFlacAt48kHzIsResampledAndLabelledLikeShd(@TempDir Path tmp) throws Exception {
    AudioPreprocessConfig cfg = new AudioPreprocessConfig().setInputDir(hd.toString())
        .setOutput(tmp.resolve("hd").toString()).setValidFraction(0.25).setSeed(3);
    DatasetManifest m = new AudioPreprocessJob(cfg).run(spark());
    assertEquals("HD", m.getParameters().get("corpus"));
    assertEquals(20, m.getClassNames().size());
    assertEquals("three", m.getClassNames().get(3));
    assertEquals("drei", m.getClassNames().get(13));
    // train: 12 files (6 per language), round(0.25 * 6) = 2 of each class to valid
    assertEquals(Map.of("train", 8L, "valid", 4L, "test", 4L), m.getSplitCounts());
    assertEquals("FRACTION", m.getValidation().method);
    assertEquals(4, m.getValidation().samples);
    assertEquals(Map.of("48000", 8L), m.getFeatureStats().get("train").sourceSampleRates);
    assertEquals(8, m.getFeatureStats().get("train").resampled);
    List<Row> rows = spark().read().parquet(tmp.resolve("hd").resolve("split=test").toString()).collectAsList();
    assertEquals(4, rows.size());
    for (Row r : rows) {
      String id = r.getAs(FeatureSchema.SAMPLE_ID);
      assertEquals("3", r.getAs(FeatureSchema.SPEAKER));
      assertEquals(id.startsWith("lang-german") ? 13 : 3, (int) r.getAs(FeatureSchema.LABEL));
      assertEquals("audio/" + id + ".flac", r.getAs(FeatureSchema.SOURCE_FILE));
    }
    Row german = rows.stream().filter(r -> ((String) r.getAs(FeatureSchema.SAMPLE_ID)).startsWith("lang-german"))
        .findFirst().orElseThrow();
    FeatureExtractor.Result expected = new FeatureExtractor(cfg).extract(AudioFixtures.decode("hd_drei_48k.flac"), "x", 0);
    List<Float> got = german.getList(german.fieldIndex(FeatureSchema.FEATURES));
    assertEquals(expected.features().length, got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(expected.features()[i], got.get(i), "feature " + i);
    }
    assertTrue(DatasetVerifier.verify(new Configuration(), tmp.resolve("hd").toString()).ok());
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(tmp.resolve("hd"))) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".crc")).toList(), "no checksum side files");
    }
  }

  @Test
  void folderPerClassCorpusOnANonLocalFilesystem(@TempDir Path tmp) throws Exception {
    Path root = AudioCorpora.folders(tmp.resolve("corpus"));
    String in = RemoteLikeFileSystem.SCHEME + "://" + root;
    String out = RemoteLikeFileSystem.SCHEME + "://" + tmp.resolve("ds");
    DatasetManifest m = new AudioPreprocessJob(new AudioPreprocessConfig().setInputDir(in).setOutput(out)
        .setTestFraction(0.2).setValidFraction(0.2)).run(spark());
    assertEquals("FOLDERS", m.getParameters().get("corpus"));
    assertEquals(List.of("no", "yes"), m.getClassNames());
    // no: 7 files -> 1 test, 1 valid; yes: 6 files -> 1 test, 1 valid
    assertEquals(Map.of("train", 9L, "valid", 2L, "test", 2L), m.getSplitCounts());
    assertEquals(1, m.getFeatureStats().values().stream().mapToLong(s -> s.resampled).sum(), "the 48 kHz FLAC");
    List<String> ids = new ArrayList<>();
    for (String split : List.of("train", "valid", "test")) {
      spark().read().parquet(tmp.resolve("ds").resolve("split=" + split).toString()).collectAsList()
          .forEach(r -> ids.add(r.getAs(FeatureSchema.SAMPLE_ID)));
    }
    assertEquals(13, new HashSet<>(ids).size());
    assertTrue(ids.contains("yes/more/take5"));
    assertTrue(ids.contains("no/flac_take"));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(Set.of("corpus", "ds"), files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
  }

  private static AudioPreprocessConfig copy(AudioPreprocessConfig c) {
    AudioPreprocessConfig n = new AudioPreprocessConfig();
    c.toMap().forEach(n::set);
    return n;
  }
}
