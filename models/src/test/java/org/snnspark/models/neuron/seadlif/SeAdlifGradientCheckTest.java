package org.snnspark.models.neuron.seadlif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.DoublePrecision;
import org.snnspark.models.testutil.GradientChecks;
import org.snnspark.models.testutil.Sequences;

/**
 * Numerical gradient checks of SE-adLIF's hand-written BPTT through whole networks: W, bias, V,
 * the interpolation weights of tau_u and tau_w, the couplings a and b, batch-norm, and the input,
 * in double precision with smooth sigmoid spikes. The reference detaches the spike in the reset, a
 * deliberate approximation a numerical check cannot confirm, so the checks take the complete
 * derivative ({@code detachReset(false)}); the detached one is compared with PyTorch autograd
 * (NeuronReferenceTest). Short time constants and a small q keep the decays clearly below 1 and
 * the adaptation of the same order as the drive, so every parameter's gradient is well above the
 * check's noise.
 */
@ExtendWith(DoublePrecision.class)
class SeAdlifGradientCheckTest {
  static SeAdlifLayer.Builder layer(NeuronType type) {
    return new SeAdlifLayer.Builder().neuronType(type).tauURange(2, 6).tauWRange(4, 12).q(3).threshold(0.5)
        .detachReset(false).surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0);
  }

  static MultiLayerNetwork net(NeuronType type, boolean batchNorm, boolean bidirectional, int... hidden) {
    List<SeAdlifLayer> layers = new ArrayList<>();
    for (int h : hidden) {
      layers.add(layer(type).batchNorm(batchNorm).bidirectional(bidirectional).nOut(h).build());
    }
    return GradientChecks.net(layers, ReadoutReduction.SUM_SOFTMAX, batchNorm);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SE_ADLIF", "RSE_ADLIF"})
  void singleLayer(NeuronType type) {
    MultiLayerNetwork net = net(type, false, false, 4);
    INDArray x = Sequences.features(DataType.DOUBLE, 31, 3, 3, 7, 1.5);
    assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), null), type + " gradients");
  }

  /** Padding at the end and a hole in the middle carry the state and pass no gradient. */
  @ParameterizedTest
  @ValueSource(strings = {"SE_ADLIF", "RSE_ADLIF"})
  void masksAndBatchNorm(NeuronType type) {
    MultiLayerNetwork net = net(type, true, false, 4);
    INDArray x = Sequences.features(DataType.DOUBLE, 32, 3, 3, 7, 1.5);
    INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 7, 7, 4, 6);
    mask.putScalar(0, 2, 0.0);
    assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), mask),
        type + " gradients with mask and batch-norm");
  }

  /** Two layers, as the paper's SHD network: the inner layer's epsilon is the outer one's input gradient. */
  @Test
  void stackOfTwo() {
    MultiLayerNetwork net = net(SeAdlifModel.RSE_ADLIF, false, false, 4, 3);
    INDArray x = Sequences.features(DataType.DOUBLE, 33, 3, 3, 6, 2.0);
    INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 6, 6, 5, 3);
    assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), mask), "stack");
  }

  @Test
  void bidirectional() {
    MultiLayerNetwork net = net(SeAdlifModel.RSE_ADLIF, false, true, 3);
    INDArray x = Sequences.features(DataType.DOUBLE, 34, 3, 3, 6, 2.0);
    INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 6, 6, 4, 5);
    assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), mask), "bidirectional");
  }

  /**
   * Every neuron parameter receives gradient, and one outside its range gets none (it is clamped
   * in use, as torch.clamp): a of neuron 0 above 1, the weight of tau_w of neuron 1 below 0.
   */
  @Test
  void clampedParametersGetNoGradientAndTheOthersDo() {
    MultiLayerNetwork net = net(SeAdlifModel.RSE_ADLIF, false, false, 4);
    net.getLayer(0).getParam(SeAdlifLayer.A).putScalar(0, 1.3);
    net.getLayer(0).getParam(SeAdlifLayer.TAU_W).putScalar(1, -0.2);
    INDArray x = Sequences.features(DataType.DOUBLE, 35, 3, 3, 7, 1.5);
    INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
    assertTrue(GradientChecks.check(net, x, y, null));
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    assertEquals(0.0, net.gradient().getGradientFor("0_" + SeAdlifLayer.A).getDouble(0), 0.0);
    assertEquals(0.0, net.gradient().getGradientFor("0_" + SeAdlifLayer.TAU_W).getDouble(1), 0.0);
    for (String p : new String[]{SeAdlifLayer.TAU_U, SeAdlifLayer.TAU_W, SeAdlifLayer.A, SeAdlifLayer.B}) {
      assertNotEquals(0.0, net.gradient().getGradientFor("0_" + p).getDouble(2), 0.0, p);
    }
  }
}
