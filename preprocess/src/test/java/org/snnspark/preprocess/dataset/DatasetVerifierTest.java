package org.snnspark.preprocess.dataset;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import org.snnspark.preprocess.testutil.Fixtures;
import org.snnspark.preprocess.testutil.TestSpark;

class DatasetVerifierTest {

  @Test
  void findsTamperedMissingAndUnlistedShards(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("ds");
    DatasetManifest m = new SpikePreprocessJob(new SpikePreprocessConfig()
        .setInputDir(Fixtures.h5pyShd().toString()).setOutput(out.toString()).setShardsPerSplit(2))
        .run(TestSpark.get());
    Configuration conf = new Configuration();
    assertTrue(DatasetVerifier.verify(conf, out.toString()).ok());
    try (java.util.stream.Stream<Path> files = Files.walk(out)) {
      assertEquals(java.util.List.of(), files.filter(f -> f.toString().endsWith(".crc")).toList(),
          "no Hadoop checksum side files beside the dataset's files");
    }

    String a = m.getShards().get(0).getPath();
    String b = m.getShards().get(1).getPath();
    byte[] bytes = Files.readAllBytes(out.resolve(a));
    bytes[bytes.length / 2] ^= 1;
    Files.write(out.resolve(a), bytes);
    Files.delete(out.resolve(b));
    Files.copy(out.resolve(m.getShards().get(2).getPath()), out.resolve("split=test/part-00099.parquet"));
    DatasetVerifier.Report r = DatasetVerifier.verify(conf, out.toString());
    assertFalse(r.ok());
    String all = String.join("\n", r.problems());
    assertTrue(all.contains(a + ": SHA-256"), all);
    assertTrue(all.contains(b + ": missing"), all);
    assertTrue(all.contains("split=test/part-00099.parquet: not listed in the manifest"), all);
    assertEquals(3, r.problems().size(), all);

    Files.writeString(out.resolve("manifest.json"), "{", StandardOpenOption.TRUNCATE_EXISTING);
    assertTrue(DatasetVerifier.verify(conf, out.toString()).problems().get(0).startsWith("cannot read"));
    assertEquals(java.util.List.of(tmp.resolve("none") + " does not exist"),
        DatasetVerifier.verify(conf, tmp.resolve("none").toString()).problems());
    assertEquals(java.util.List.of(out.resolve(a) + " is a file, not a dataset directory"),
        DatasetVerifier.verify(conf, out.resolve(a).toString()).problems());
    assertEquals(java.util.List.of("no manifest.json in " + out.resolve("split=test")
            + ": not a dataset directory (or one whose preprocessing did not finish)"),
        DatasetVerifier.verify(conf, out.resolve("split=test").toString()).problems());
  }

  @Test
  void manifestJsonRoundTrips() {
    DatasetManifest m = new DatasetManifest();
    m.setKind("spikes");
    m.getClassNames().add("zero");
    m.getSplitCounts().put("train", 3L);
    m.getShards().add(new DatasetManifest.Shard("train", "split=train/part-00000.parquet", 3, 10, "ab"));
    DatasetManifest back = DatasetManifest.fromJson(m.toJson());
    assertEquals(m.toJson(), back.toJson());
    assertEquals("split=train/part-00000.parquet", back.getShards().get(0).getPath());
    assertNull(back.getValidation());
    assertFalse(m.toJson().contains("validation"), "absent parts are left out");
  }
}
