package org.snnspark.pipeline.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.leaky.LeakyModel;

/**
 * A file laid out by NIR's own writer (h5py, gzip, no metadata, as snnTorch exports Leaky ->
 * RLeaky -> LI) imports and gives the outputs a numpy simulation of that graph gives.
 */
class NirForeignFileTest {
  @TempDir Path tmp;

  @Test
  void snnTorchStyleFileImportsAndRunsAsNumpySimulatesIt() throws Exception {
    Path nir = tmp.resolve("foreign.nir");
    Path expected = tmp.resolve("expected.h5");
    Python.run("write_foreign.py", nir.toString(), expected.toString());

    MultiLayerNetwork net = NirImporter.build(NirFileReader.read(nir), nir.toString(), 1e-4, ReadoutReduction.MEAN);
    assertEquals(LeakyModel.LEAKY, ((BaseSpikingLayer) net.getLayer(0).conf().getLayer()).neuronType());
    assertEquals(LeakyModel.RLEAKY, ((BaseSpikingLayer) net.getLayer(1).conf().getLayer()).neuronType());

    try (HdfFile h = new HdfFile(expected)) {
      float[][][] x = (float[][][]) h.getDatasetByPath("x").getData();
      double[][] y = (double[][]) h.getDatasetByPath("y").getData();
      INDArray out = net.output(Nd4j.create(x).castTo(DataType.FLOAT));
      for (int i = 0; i < y.length; i++) {
        assertArrayEquals(y[i], out.getRow(i).toDoubleVector(), 1e-5, "sample " + i);
      }
    }
  }
}
