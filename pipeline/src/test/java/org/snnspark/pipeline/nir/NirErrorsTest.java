package org.snnspark.pipeline.nir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;

/** What NIR cannot express and what we cannot run are one line naming the layer or node and the problem. */
class NirErrorsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"RADLIF, NIR has no adaptive neuron", "ADLIF, NIR has no adaptive neuron",
      "ALIF, NIR has no adaptive neuron", "SE_ADLIF, NIR has no adaptive neuron",
      "SINGLE_SPIKE, fires at most once"})
  void modelsWithoutANirNeuronNameTheLayerAndWhatNirLacks(NeuronType type, String lacks) {
    String msg = exportError(new ModelSpec().withNeuron(type).withHidden(6));
    assertTrue(msg.startsWith("model m, layer 0 (" + type), msg);
    assertTrue(msg.contains(lacks), msg);
  }

  @Test
  void bidirectionalLayersDelaysAndTheTimeReductionAreRefused() {
    assertTrue(exportError(new ModelSpec().withNeuron(LifModel.LIF).withHidden(6).withBidirectional(true))
        .contains("bidirectional; a NIR graph runs forward in time"));
    assertTrue(exportError(new ModelSpec().withNeuron(LifModel.LIF).withHidden(6).withDelays(4, 1))
        .contains("NIR's Delay delays whole signals"));
    MultiLayerNetwork net = NirNetworks.of(LifModel.LIF, ReadoutReduction.MAX, false, 1);
    String msg = assertThrows(NirException.class, () -> NirExporter.export(net, 0.001, false, "m")).getMessage();
    assertTrue(msg.contains("readout: NIR has no reduction over time (MAX); pass --reduce-outside"), msg);
  }

  @Test
  void unsupportedNodesAreNamedWithTheirType() {
    NirGraph g = exported();
    g.nodes().put("lif_0", new NirNode("Delay").with("delay", NeuronExport.vec(new double[10])));
    String msg = assertThrows(NirException.class, () -> NirImporter.build(g, "f.nir", null, null)).getMessage();
    assertTrue(msg.contains("node lif_0 (Delay): node type Delay is not supported"), msg);
  }

  @Test
  void aSubGraphThatIsNoRecurrentNeuronIsNamed() {
    NirGraph g = NirExporter.export(NirNetworks.of(LifModel.RLIF, ReadoutReduction.MEAN, false, 1), 0.001, true, "m");
    g.nodes().get("rlif_0").graph().edges().remove(new NirGraph.Edge("w_rec", "lif"));
    String msg = assertThrows(NirException.class, () -> NirImporter.build(g, "f.nir", null, null)).getMessage();
    assertTrue(msg.contains("node rlif_0 (NIRGraph): not a recurrent neuron sub-graph"), msg);
  }

  @Test
  void shapesThatDisagreeAlongAnEdgeAreNamed() {
    NirGraph g = exported();
    g.nodes().put("input", new NirNode(NirTypes.INPUT).with("shape", NirArray.shapeOf(11)));
    String msg = assertThrows(NirException.class, () -> NirImporter.build(g, "f.nir", null, null)).getMessage();
    assertTrue(msg.contains("node linear_0 (Linear): weight takes 12 inputs but edge input -> linear_0 carries [11]"),
        msg);
  }

  @Test
  void neuronsOurLayersDoNotHaveAreNamed() {
    NirGraph g = exported();
    NirNode lif = g.nodes().get("lif_0");
    lif.with("v_leak", NeuronExport.vec(NeuronExport.filled(10, 0.5)));
    String msg = assertThrows(NirException.class, () -> NirImporter.build(g, "f.nir", null, null)).getMessage();
    assertTrue(msg.contains("node lif_0 (LIF): v_leak[0] = 0.5; our neurons have v_leak 0"), msg);
  }

  @Test
  void timeConstantsShorterThanAStepAreRefused() {
    NirGraph g = exported();
    g.nodes().get("lif_0").with("tau", NeuronExport.vec(NeuronExport.filled(10, 0.0005)));
    String msg = assertThrows(NirException.class, () -> NirImporter.build(g, "f.nir", null, null)).getMessage();
    assertTrue(msg.contains("node lif_0 (LIF): tau[0] = 5.0E-4 gives a decay 1 - dt/tau = -1.0 outside [0, 1)"), msg);
  }

  @Test
  void aGraphWithoutDtNeedsOne() {
    NirGraph g = exported();
    g.metadata().remove(NirExporter.DT_KEY);
    String msg = assertThrows(NirException.class, () -> NirImporter.build(g, "f.nir", null, null)).getMessage();
    assertTrue(msg.contains("f.nir: no dt in the graph's metadata; pass --dt"), msg);
  }

  @Test
  void theReaderRefusesUnknownTypesAndFieldsAsNirsReaderDoes() throws Exception {
    NirGraph g = exported();
    g.nodes().get("li").with("bias", NeuronExport.vec(new double[NirNetworks.CLASSES]));
    Path extra = tmp.resolve("extra.nir");
    NirFileWriter.write(g, extra);
    String msg = assertThrows(NirException.class, () -> NirFileReader.read(extra)).getMessage();
    assertTrue(msg.contains("node/nodes/li: LI has no field 'bias' (NIR's reader rejects it)"), msg);

    NirGraph h = exported();
    h.nodes().put("li", new NirNode("Spiral").with("tau", NeuronExport.vec(new double[NirNetworks.CLASSES])));
    Path unknown = tmp.resolve("unknown.nir");
    NirFileWriter.write(h, unknown);
    msg = assertThrows(NirException.class, () -> NirFileReader.read(unknown)).getMessage();
    assertTrue(msg.contains("node/nodes/li: unknown NIR node type 'Spiral'"), msg);
  }

  private static NirGraph exported() {
    return NirExporter.export(NirNetworks.of(LifModel.LIF, ReadoutReduction.MEAN, false, 1), 0.001, true, "m");
  }

  private static String exportError(ModelSpec spec) {
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, 12, 3, 1, new Adam(1e-3)));
    net.init();
    return assertThrows(NirException.class, () -> NirExporter.export(net, 0.001, true, "m")).getMessage();
  }
}
