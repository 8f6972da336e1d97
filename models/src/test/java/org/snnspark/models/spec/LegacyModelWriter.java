package org.snnspark.models.spec;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the fixtures of {@link LegacyModels} (not a test: run by name, {@code -Dtest=LegacyModelWriter
 * -Dlegacy.models.out=DIR}). They were written once, before the layer classes moved to the
 * neuron / dl4j packages; rewriting them with newer code would no longer test old zips.
 */
class LegacyModelWriter {

  @Test
  void write() throws IOException {
    String out = System.getProperty("legacy.models.out");
    if (out == null) {
      return;
    }
    Path dir = Path.of(out);
    Files.createDirectories(dir);
    for (Map.Entry<String, ModelSpec> e : LegacyModels.specs().entrySet()) {
      MultiLayerNetwork net = LegacyModels.trained(e.getValue());
      ModelSerializer.writeModel(net, new File(dir.toFile(), e.getKey() + ".zip"), true);
      INDArray y = net.output(LegacyModels.input(), false);
      StringBuilder sb = new StringBuilder();
      for (float v : y.ravel().toFloatVector()) {
        sb.append(Float.floatToRawIntBits(v)).append('\n');
      }
      Files.writeString(dir.resolve(e.getKey() + ".out"), sb.toString());
    }
  }
}
