package org.snnspark.pipeline.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.preprocess.testutil.MiniHdfs;

/** NIR files at local paths, file:// URIs and on a real HDFS (MiniDFSCluster on loopback). */
class NirFilesTest {
  @TempDir Path tmp;

  @Test
  void localPathsAndFileUrisHoldTheFileAndNothingBeside() throws Exception {
    NirGraph g = graph();
    Path file = tmp.resolve("net.nir");
    NirFiles.write(g, "file://" + file, new Configuration());
    NirFiles.write(g, file.toString(), new Configuration()); // replaces it
    try (var listing = Files.list(tmp)) {
      assertEquals(java.util.List.of(file), listing.toList(), "no staging file or checksum left beside it");
    }
    assertSame(g, NirFiles.read("file://" + file, new Configuration()));
  }

  @Test
  void onHdfsThroughALocalCopy() throws Exception {
    try (MiniHdfs hdfs = new MiniHdfs(tmp.resolve("hdfs").toFile())) {
      NirGraph g = graph();
      String file = hdfs.uri() + "/nir/net.nir";
      NirFiles.write(g, file, hdfs.conf());
      assertTrue(hdfs.fs().exists(new org.apache.hadoop.fs.Path(file)));
      assertFalse(hdfs.fs().exists(new org.apache.hadoop.fs.Path(hdfs.uri() + "/nir/.net.nir.inprogress")));
      assertSame(g, NirFiles.read(file, hdfs.conf()));
    }
  }

  private static NirGraph graph() {
    return NirExporter.export(NirNetworks.of(LifModel.RLIF, ReadoutReduction.MEAN, false, 2), 0.01, true, "m");
  }

  private static void assertSame(NirGraph expected, NirGraph actual) {
    assertEquals(expected.nodes().keySet(), actual.nodes().keySet());
    assertEquals(new java.util.HashSet<>(expected.edges()), new java.util.HashSet<>(actual.edges()));
    assertEquals(expected.metadata(), actual.metadata());
    NirArray w = expected.nodes().get("linear_0").field("weight");
    NirArray v = actual.nodes().get("linear_0").field("weight");
    assertArrayEquals(w.shape(), v.shape());
    assertArrayEquals(w.values(), v.values(), 0.0);
  }
}
