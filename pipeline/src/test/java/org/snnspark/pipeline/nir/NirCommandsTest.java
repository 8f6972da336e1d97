package org.snnspark.pipeline.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.pipeline.cli.SnnSpark;
import org.snnspark.pipeline.io.ModelStore;

/** The CLI's export and import round trip a saved model.zip, and the imported model trains on. */
class NirCommandsTest {
  @TempDir Path tmp;

  @Test
  void exportThenImportGivesAModelZipThatScoresAndTrainsLikeTheOriginal() throws Exception {
    MultiLayerNetwork net = NirNetworks.of(LeakyModel.RLEAKY, ReadoutReduction.SUM_SOFTMAX, false, 3);
    Path model = tmp.resolve("model.zip");
    ModelStore.save(net, FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(model.toString()));
    Path nir = tmp.resolve("net.nir");
    Path back = tmp.resolve("imported.zip");

    assertEquals(1, SnnSpark.execute("export", "--model", model.toString(), "--output", nir.toString(), "--dt", "0.01"),
        "the readout's reduction needs --reduce-outside");
    assertEquals(0, SnnSpark.execute("export", "--model", model.toString(), "--format", "nir",
        "--output", nir.toString(), "--dt", "0.01", "--reduce-outside"));
    assertEquals(0, SnnSpark.execute("import", "--format", "nir", "--input", nir.toString(),
        "--output", back.toString()));

    MultiLayerNetwork imported = ModelStore.load(new Configuration(), back.toString());
    INDArray x = NirNetworks.spikes(8, 2);
    assertArrayEquals(net.output(x).dup('c').data().asDouble(), imported.output(x).dup('c').data().asDouble(), 0.0);

    INDArray before = imported.params().dup();
    INDArray labels = Nd4j.zeros(8, NirNetworks.CLASSES);
    for (int i = 0; i < 8; i++) {
      labels.putScalar(i, i % NirNetworks.CLASSES, 1.0);
    }
    imported.fit(new DataSet(x, labels));
    assertNotEquals(0.0, imported.params().sub(before).norm2Number().doubleValue(), "a training step changes it");
  }
}
