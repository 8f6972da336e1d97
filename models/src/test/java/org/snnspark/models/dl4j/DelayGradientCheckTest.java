package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.engine.SynapticDelays;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.nd4j.linalg.learning.config.NoOp;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.DoublePrecision;
import org.snnspark.models.testutil.GradientChecks;
import org.snnspark.models.testutil.Sequences;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numerical gradient checks of the learnable synaptic delays' hand-written backward: weights and
 * delay positions of every delayed layer, and the input gradient (double precision, NoOp updater,
 * smooth sigmoid spikes).
 */
@ExtendWith(DoublePrecision.class)
class DelayGradientCheckTest {

  static MultiLayerNetwork net(NeuronType type, boolean batchNorm, int maxDelay, int... hidden) {
    List<LifLayer> layers = new ArrayList<>();
    for (int h : hidden) {
      layers.add(new LifLayer.Builder().neuronType(type).nOut(h).batchNorm(batchNorm).hasBias(true)
          .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).delays(maxDelay, 4).build());
    }
    return GradientChecks.net(layers, ReadoutReduction.SUM_SOFTMAX, batchNorm);
  }

  /** Every parameter of the network moves the loss: a check over a silent layer would prove little. */
  private static void assertPositionsMatter(MultiLayerNetwork net, INDArray x, INDArray y) {
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    double g = net.gradient().getGradientFor("0_" + SynapticDelays.POSITIONS).norm2Number().doubleValue();
    assertTrue(g > 1e-6, "position gradient is " + g);
  }

  @ParameterizedTest
  @ValueSource(strings = {"LIF", "RLIF", "ADLIF", "RADLIF"})
  void singleLayerWideGaussian(NeuronType type) {
    MultiLayerNetwork net = net(type, false, 3, 4);
    INDArray x = Sequences.features(DataType.DOUBLE, 1, 3, 3, 7, 1.5);
    INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
    assertEquals(2.27, net.getLayer(0).getParam(SynapticDelays.SIGMA).getDouble(0), 1e-12);
    assertPositionsMatter(net, x, y);
    assertTrue(GradientChecks.checkAll(net, x, y, null), type + " gradients");
  }

  /** The end of the annealing: a Gaussian of 0.5 steps, mostly on one tap. */
  @ParameterizedTest
  @ValueSource(strings = {"LIF", "ADLIF"})
  void narrowGaussian(NeuronType type) {
    MultiLayerNetwork net = net(type, false, 4, 4);
    NetworkDelays.startEpoch(net.getLayers(), 10);
    assertEquals(0.5, net.getLayer(0).getParam(SynapticDelays.SIGMA).getDouble(0), 1e-12);
    INDArray x = Sequences.features(DataType.DOUBLE, 2, 3, 3, 8, 2.0);
    INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
    assertPositionsMatter(net, x, y);
    assertTrue(GradientChecks.checkAll(net, x, y, null), type + " gradients");
  }

  @Test
  void stackWithBatchNormAndMask() {
    MultiLayerNetwork net = net(LifModel.RADLIF, true, 3, 4, 3);
    INDArray x = Sequences.features(DataType.DOUBLE, 3, 3, 3, 7, 2.0);
    INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 7, 7, 5, 4);
    INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
    assertTrue(GradientChecks.checkAll(net, x, y, mask), "stack gradients");
  }

  /** A delay as long as the sequence: the taps that reach before step 0 add nothing. */
  @Test
  void delaysLongerThanTheSequence() {
    MultiLayerNetwork net = net(LifModel.ADLIF, false, 6, 3);
    INDArray x = Sequences.features(DataType.DOUBLE, 4, 3, 3, 4, 2.0);
    INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
    assertTrue(GradientChecks.checkAll(net, x, y, null), "gradients");
  }

  /** The network NetworkBuilder builds with delays: every spiking layer and the readout delay their inputs. */
  @Test
  void builtNetworkWithDelayedReadout() {
    ModelSpec spec = new ModelSpec().withNeuron(LifModel.ADLIF).withHidden(4, 3).withDropout(0.0)
        .withSurrogate(SurrogateKind.SMOOTH_SIGMOID).withSurrogateParameter(4.0).withDelays(3, 4);
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.withInputGradient(
        NetworkBuilder.build(spec, GradientChecks.CHANNELS, GradientChecks.CLASSES, 42, new NoOp(), DataType.DOUBLE)));
    net.init();
    assertTrue(net.getLayer(2).paramTable().containsKey(SynapticDelays.POSITIONS), "the readout has delays");
    INDArray x = Sequences.features(DataType.DOUBLE, 6, 3, 3, 7, 2.0);
    INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 7, 7, 6, 5);
    INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
    assertTrue(GradientChecks.checkAll(net, x, y, mask), "gradients");
  }

  /** Rounded delays: the weights and the input still have gradients, the positions none. */
  @Test
  void roundedDelays() {
    MultiLayerNetwork net = net(LifModel.LIF, false, 3, 4);
    NetworkDelays.round(net.getLayers());
    INDArray x = Sequences.features(DataType.DOUBLE, 5, 3, 3, 7, 2.0);
    INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
    assertTrue(GradientChecks.checkAll(net, x, y, null), "gradients");
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    assertEquals(0.0, net.gradient().getGradientFor("0_" + SynapticDelays.POSITIONS).norm2Number().doubleValue());
  }
}
