package org.snnspark.models.spec;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.snnspark.models.dl4j.SavedNetworks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Models saved by earlier versions (the fixtures of {@link LegacyModels}) load, and compute
 * bit for bit the outputs they computed when they were saved.
 */
class LegacyModelsTest {

  static Set<String> names() {
    return LegacyModels.specs().keySet();
  }

  @ParameterizedTest
  @MethodSource("names")
  void loadsAndComputesTheSavedOutputs(String name) throws IOException {
    MultiLayerNetwork net;
    try (InputStream in = resource(name + ".zip")) {
      net = SavedNetworks.restore(in, true);
    }
    String[] lines;
    try (InputStream in = resource(name + ".out")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
    }
    float[] expected = new float[lines.length];
    for (int i = 0; i < lines.length; i++) {
      expected[i] = Float.intBitsToFloat(Integer.parseInt(lines[i]));
    }
    INDArray y = net.output(LegacyModels.input(), false);
    assertArrayEquals(expected, y.ravel().toFloatVector(), name);
    assertEquals(LegacyModels.specs().get(name).getHidden().length + 2, net.getLayers().length, name);
  }

  private static InputStream resource(String file) {
    InputStream in = LegacyModelsTest.class.getResourceAsStream(LegacyModels.DIR + file);
    assertNotNull(in, LegacyModels.DIR + file);
    return in;
  }
}
