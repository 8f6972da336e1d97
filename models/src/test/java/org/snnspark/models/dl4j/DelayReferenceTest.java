package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.engine.SynapticDelays;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.DoublePrecision;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * LIF-family layers with learnable synaptic delays against PyTorch autograd through the DCLS
 * library's Gaussian kernel and convolution ({@code reference/delay_reference.py}, output committed
 * beside it): spikes, readout output, loss and the gradients of the weights, delay positions,
 * neuron parameters and input, for a wide and a narrow Gaussian and for delays rounded to whole steps.
 */
@ExtendWith(DoublePrecision.class)
class DelayReferenceTest {
  private static JsonNode cases;

  @BeforeAll
  static void load() throws IOException {
    cases = NeuronReferenceTest.cases("/reference/delay_reference.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"LIF_WIDE", "ADLIF_NARROW", "RADLIF", "LIF_ROUNDED"})
  void matchesPyTorchAutograd(String name) {
    JsonNode c = NeuronReferenceTest.find(cases, name);
    JsonNode s = c.get("shape");
    int nIn = s.get("nIn").asInt(), n = s.get("hidden").asInt(), nOut = s.get("nOut").asInt();
    LifLayer layer = new LifLayer.Builder().nOut(n).recurrent(c.get("recurrent").asBoolean())
        .adaptive(c.get("adaptive").asBoolean()).surrogate(SurrogateKind.BOXCAR)
        .delays(c.get("maxDelay").asInt(), 1).build();
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
        .updater(new NoOp()).list()
        .layer(layer)
        .layer(new LeakyReadout.Builder().nOut(nOut).reduction(ReadoutReduction.SUM_SOFTMAX).build())
        .layer(NetworkBuilder.softmaxLoss(nOut))
        .setInputType(InputType.recurrent(nIn)).build();
    // W, P, the neuron parameters and V: nothing trained is left out of the comparison
    assertEquals(2 + layer.neuronParams().size() + (layer.isRecurrent() ? 1 : 0), c.get("layer_grad").size());
    NeuronReferenceTest.assertMatches(c, conf,
        net -> net.getLayer(0).getParam(SynapticDelays.SIGMA).assign(c.get("sigma").asDouble()));
  }
}
