package org.snnspark.pipeline.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.neuron.lif.LifModel;

/**
 * What we write is what NIR's reader takes: per node exactly the datasets nir.write writes for its
 * class, with their dtypes and shapes, vlen strings, and equal shapes along every edge
 * (check_layout.py, which mirrors NIR's classes).
 */
class NirLayoutTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"RLIF, false, SUM_SOFTMAX", "LEAKY, true, MAX", "RLEAKY, false, SPIKE_COUNT",
      "RCUBA_LIF, true, MEAN", "CUBA_LIF, false, LAST"})
  void everyDatasetIsOneNirsReaderExpects(NeuronType type, boolean batchNorm, ReadoutReduction readout)
      throws Exception {
    Path file = tmp.resolve("net.nir");
    NirFileWriter.write(NirExporter.export(NirNetworks.of(type, readout, batchNorm, 1), 0.001, true, "m"), file);
    assertEquals("ok", Python.run("check_layout.py", file.toString()));
  }

  @Test
  void theCheckCatchesAFieldNirDoesNotHave() throws Exception {
    NirGraph g = NirExporter.export(NirNetworks.of(LifModel.LIF, ReadoutReduction.MEAN, false, 1), 0.001, true, "m");
    g.nodes().get("li").with("v_threshold", NirArray.vector(new double[NirNetworks.CLASSES], NirArray.Dtype.FLOAT64));
    Path file = tmp.resolve("extra.nir");
    NirFileWriter.write(g, file);
    assertTrue(Python.runExpectingFailure("check_layout.py", file.toString()).contains("LI datasets"));
  }
}
