package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.testutil.Fixtures;
import org.snnspark.preprocess.testutil.TestSpark;

/**
 * The job on files written by h5py exactly like the real SHD files, against the reference bins
 * the fixture script computed independently with numpy (expected.json).
 */
class H5pyFixtureJobTest {

  @Test
  void binsLikeTheNumpyReference(@TempDir Path tmp) throws Exception {
    SparkSession spark = TestSpark.get();
    Path out = tmp.resolve("shd");
    SpikePreprocessConfig cfg = new SpikePreprocessConfig()
        .setInputDir(Fixtures.h5pyShd().toString())
        .setOutput(out.toString())
        .setShardsPerSplit(3);
    DatasetManifest m = new SpikePreprocessJob(cfg).run(spark);

    JsonNode expected = new ObjectMapper().readTree(Fixtures.h5pyShd().resolve("expected.json").toFile());
    assertEquals("spikes", m.getKind());
    assertEquals(700, m.getNumChannels());
    assertEquals(100, m.getNumSteps());
    assertEquals(20, m.getClassNames().size());
    assertEquals("english-zero", m.getClassNames().get(0));
    assertEquals("german-neun", m.getClassNames().get(19));
    assertEquals(Map.of("train", 24L, "test", 10L), m.getSplitCounts());
    assertEquals(List.of("train", "test"), List.copyOf(m.getSplitCounts().keySet()));
    assertEquals(6, m.getShards().size());
    assertEquals("split=train/part-00000.parquet", m.getShards().get(0).getPath());
    assertEquals(2, m.getSources().size());
    assertEquals(64, m.getSources().get(0).sha256.length());

    for (String split : List.of("train", "test")) {
      List<Row> rows = spark.read().parquet(out.resolve("split=" + split).toString()).collectAsList();
      JsonNode samples = expected.get(split);
      assertEquals(samples.size(), rows.size());
      Map<String, Row> byId = new HashMap<>();
      rows.forEach(r -> byId.put(r.getAs(FrameSchema.SAMPLE_ID), r));
      long beyond = 0;
      long spikes = 0;
      for (int i = 0; i < samples.size(); i++) {
        JsonNode e = samples.get(i);
        Row r = byId.get("shd_" + split + "/" + i);
        assertNotNull(r, "row for sample " + i);
        assertEquals(e.get("label").asInt(), (int) r.getAs(FrameSchema.LABEL));
        assertEquals(m.getClassNames().get(e.get("label").asInt()), r.getAs(FrameSchema.LABEL_NAME));
        assertEquals(e.get("speaker").asInt(), (int) r.getAs(FrameSchema.SPEAKER));
        assertEquals("shd_" + split + ".h5", r.getAs(FrameSchema.SOURCE_FILE));
        assertEquals(i, (long) r.getAs(FrameSchema.SOURCE_INDEX));
        assertEquals(100, (int) r.getAs(FrameSchema.N_STEPS));
        assertEquals(700, (int) r.getAs(FrameSchema.N_CHANNELS));
        assertEquals(ints(e.get("bin_time")), r.getList(r.fieldIndex(FrameSchema.SPIKE_TIME)), "time bins of " + i);
        assertEquals(ints(e.get("bin_channel")), r.getList(r.fieldIndex(FrameSchema.SPIKE_CHANNEL)), "channels of " + i);
        assertEquals(ints(e.get("bin_count")), r.getList(r.fieldIndex(FrameSchema.SPIKE_COUNT)), "counts of " + i);
        beyond += e.get("beyond_window").asLong();
        spikes += e.get("times").size();
      }
      DatasetManifest.SplitStats st = m.getSpikeStats().get(split);
      assertEquals(beyond, st.spikesBeyondWindow, "events past 1.4 s are counted");
      assertTrue(beyond > 0);
      assertEquals(spikes, st.spikes);
      assertEquals(spikes - beyond, st.spikesInWindow);
      assertEquals(1, st.samplesWithSpikesBeyondWindow);
    }
    assertTrue(DatasetVerifier.verify(spark.sparkContext().hadoopConfiguration(), out.toString()).ok());
  }

  @Test
  void digitizeBinsLikeSparch(@TempDir Path tmp) throws Exception {
    SparkSession spark = TestSpark.get();
    Path out = tmp.resolve("shd-sparch");
    DatasetManifest m = new SpikePreprocessJob(new SpikePreprocessConfig().setInputDir(Fixtures.h5pyShd().toString())
        .setOutput(out.toString()).setBinning(SpikePreprocessConfig.Binning.DIGITIZE)).run(spark);
    // sparch's frames, computed with numpy.digitize by make_digitize_reference.py
    JsonNode sparch = new ObjectMapper().readTree(Fixtures.h5pyShd().resolve("expected-digitize.json").toFile());
    assertEquals(100, m.getNumSteps());
    assertEquals(1.4 / 99, m.getBinWidthSeconds(), 0.0);
    for (String split : List.of("train", "test")) {
      Map<String, Row> byId = new HashMap<>();
      spark.read().parquet(out.resolve("split=" + split).toString()).collectAsList()
          .forEach(r -> byId.put(r.getAs(FrameSchema.SAMPLE_ID), r));
      JsonNode samples = sparch.get(split);
      assertEquals(samples.size(), byId.size());
      long beyond = 0;
      for (int i = 0; i < samples.size(); i++) {
        JsonNode e = samples.get(i);
        Row r = byId.get("shd_" + split + "/" + i);
        assertEquals(ints(e.get("bin_time")), r.getList(r.fieldIndex(FrameSchema.SPIKE_TIME)), "time bins of " + i);
        assertEquals(ints(e.get("bin_channel")), r.getList(r.fieldIndex(FrameSchema.SPIKE_CHANNEL)), "channels of " + i);
        assertEquals(ints(e.get("bin_count")), r.getList(r.fieldIndex(FrameSchema.SPIKE_COUNT)), "counts of " + i);
        beyond += e.get("beyond_window").asLong();
      }
      assertEquals(beyond, m.getSpikeStats().get(split).spikesBeyondWindow);
    }
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asInt()));
    return out;
  }

  @Test
  void chunkedCopiesGiveTheSameShards(@TempDir Path tmp) throws Exception {
    SparkSession spark = TestSpark.get();
    List<String> want = shardHashes(spark, Fixtures.h5pyShd(), tmp.resolve("original"));
    for (String variant : List.of("f16-gzip", "f32-gzip")) {
      assertEquals(want, shardHashes(spark, Fixtures.h5pyShdChunked(variant), tmp.resolve(variant)), variant);
    }
  }

  /** The SHA-256 of the shards the job writes for {@code dir}/shd_train.h5. */
  private static List<String> shardHashes(SparkSession spark, Path dir, Path out) {
    SpikePreprocessConfig cfg = new SpikePreprocessConfig()
        .setInputs(Map.of("train", dir.resolve("shd_train.h5").toString()))
        .setOutput(out.toString())
        .setShardsPerSplit(2);
    return new SpikePreprocessJob(cfg).run(spark).getShards().stream().map(s -> s.sha256).toList();
  }
}
