package org.snnspark.pipeline.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.NeuronType;

/** export -> file -> import gives the same network: the same output and every layer's same spikes. */
class NirRoundTripTest {
  private static final double DT = 0.014;

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"LIF, SUM_SOFTMAX", "RLIF, MAX", "LEAKY, MEAN", "RLEAKY, LAST", "CUBA_LIF, SUM_SOFTMAX",
      "RCUBA_LIF, MEAN", "LEAKY, SPIKE_COUNT", "RLIF, SPIKE_COUNT"})
  void exportThenImportComputesTheSameOutputs(NeuronType type, ReadoutReduction readout) throws Exception {
    MultiLayerNetwork net = NirNetworks.of(type, readout, false, 7);
    MultiLayerNetwork back = roundTrip(net);
    INDArray x = NirNetworks.spikes(16, 3);
    List<INDArray> a = net.feedForward(x, false);
    List<INDArray> b = back.feedForward(x, false);
    assertEquals(a.size(), b.size());
    for (int i = 1; i < a.size(); i++) {
      assertArrayEquals(a.get(i).shape(), b.get(i).shape(), "layer " + i);
      assertArrayEquals(a.get(i).dup('c').data().asDouble(), b.get(i).dup('c').data().asDouble(), 0.0, type + " layer " + (i - 1));
    }
    double hiddenSpikes = a.get(1).sumNumber().doubleValue();
    assertTrue(hiddenSpikes > 0 && hiddenSpikes < a.get(1).length(), "the first layer spikes, not always: "
        + hiddenSpikes);
  }

  @ParameterizedTest
  @CsvSource({"LIF", "RCUBA_LIF"})
  void batchNormFoldedIntoTheWeightsScoresTheSame(NeuronType type) throws Exception {
    MultiLayerNetwork net = NirNetworks.of(type, ReadoutReduction.SUM_SOFTMAX, true, 9);
    MultiLayerNetwork back = roundTrip(net);
    INDArray x = NirNetworks.spikes(16, 4);
    // folding reorders a few double operations: equal to rounding, not bit for bit
    assertArrayEquals(net.output(x).dup('c').data().asDouble(), back.output(x).dup('c').data().asDouble(), 1e-5);
    assertEquals(false, ((org.snnspark.models.dl4j.BaseSpikingLayer) back.getLayer(0).conf().getLayer()).isBatchNorm());
  }

  @ParameterizedTest
  @CsvSource({"RLIF", "LEAKY", "RCUBA_LIF"})
  void withoutOurMetadataTheNumbersAloneRebuildTheSameLayers(NeuronType type) throws Exception {
    MultiLayerNetwork net = NirNetworks.of(type, ReadoutReduction.MEAN, false, 5);
    NirGraph g = NirExporter.export(net, DT, true, "test");
    stripNodeMetadata(g);
    Path file = tmp.resolve("bare.nir");
    NirFileWriter.write(g, file);
    MultiLayerNetwork back = NirImporter.build(NirFileReader.read(file), file.toString(), null, null);
    assertEquals(type, ((org.snnspark.models.dl4j.BaseSpikingLayer) back.getLayer(0).conf().getLayer()).neuronType());
    INDArray x = NirNetworks.spikes(16, 6);
    assertArrayEquals(net.output(x).dup('c').data().asDouble(), back.output(x).dup('c').data().asDouble(), 0.0);
  }

  private static void stripNodeMetadata(NirGraph g) {
    for (NirNode n : g.nodes().values()) {
      n.metadata().clear();
      if (n.graph() != null) {
        stripNodeMetadata(n.graph());
      }
    }
  }

  private MultiLayerNetwork roundTrip(MultiLayerNetwork net) throws Exception {
    Path file = tmp.resolve("net.nir");
    NirFileWriter.write(NirExporter.export(net, DT, true, "test"), file);
    return NirImporter.build(NirFileReader.read(file), file.toString(), null, null);
  }
}
