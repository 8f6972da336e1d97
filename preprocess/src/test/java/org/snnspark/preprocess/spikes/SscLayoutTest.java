package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.hdf5.Float16;
import org.snnspark.preprocess.hdf5.ShdH5Writer;
import org.snnspark.preprocess.testutil.TestSpark;

/**
 * SSC-style inputs: three files with their own train/valid/test splits; here also without
 * extra/keys and extra/speaker, so class names come from the labels and speakers are null.
 */
class SscLayoutTest {

  private static void write(Path file, int n, int labelOffset) throws Exception {
    short[][] t = new short[n][];
    int[][] u = new int[n][];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = new short[] {Float16.fromFloat(0.01f * i), Float16.fromFloat(0.5f)};
      u[i] = new int[] {i % 700, 699};
      labels[i] = (i + labelOffset) % 3;
    }
    try (ShdH5Writer w = new ShdH5Writer(file, n)) {
      w.writeSpikes(0, t, u);
      w.writeInt32("labels", labels); // int32 labels: any integer type is accepted
    }
  }

  @Test
  void threeSplitFilesWithoutKeysOrSpeakers(@TempDir Path tmp) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("ssc"));
    write(in.resolve("ssc_train.h5"), 9, 0);
    write(in.resolve("ssc_valid.h5"), 4, 1);
    write(in.resolve("ssc_test.h5"), 5, 2);
    Path out = tmp.resolve("ds");
    DatasetManifest m = new SpikePreprocessJob(new SpikePreprocessConfig().setInputDir(in.toString())
        .setOutput(out.toString())).run(TestSpark.get());
    assertEquals(List.of("train", "valid", "test"), List.copyOf(m.getSplitCounts().keySet()));
    assertEquals(List.of(9L, 4L, 5L), List.copyOf(m.getSplitCounts().values()));
    assertEquals(List.of("0", "1", "2"), m.getClassNames());
    assertNull(m.getValidation());
    List<Row> valid = TestSpark.get().read().parquet(out.resolve("split=valid").toString()).collectAsList();
    assertEquals(4, valid.size());
    for (Row r : valid) {
      assertTrue(r.isNullAt(r.fieldIndex(FrameSchema.SPEAKER)));
      assertTrue(((String) r.getAs(FrameSchema.SAMPLE_ID)).startsWith("ssc_valid/"));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SpikePreprocessJob(new SpikePreprocessConfig().setInputDir(in.toString())
            .setOutput(tmp.resolve("ds2").toString()).setValidFraction(0.1)).run(TestSpark.get()));
    assertTrue(e.getMessage().contains("already have a 'valid' split"), e.getMessage());
    try (java.util.stream.Stream<Path> left = Files.list(tmp)) { // no hidden temporary directory either
      assertEquals(List.of("ds", "ssc"), left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
