package org.snnspark.models.neuron.lif;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.DoublePrecision;
import org.snnspark.models.testutil.Sequences;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.testutil.GradientChecks;
import org.snnspark.models.testutil.InputGradientCheck;

/**
 * Numerical gradient checks of the hand-written BPTT of every LIF-family model (double precision,
 * NoOp updater, no dropout, smooth sigmoid spikes so the loss is differentiable).
 */
@ExtendWith(DoublePrecision.class)
class LifGradientCheckTest {
    static MultiLayerNetwork net(NeuronType type, boolean batchNorm, ReadoutReduction reduction, int... hidden) {
        return net(type, batchNorm, false, reduction, hidden);
    }

    static MultiLayerNetwork net(NeuronType type, boolean batchNorm, boolean bidirectional, ReadoutReduction reduction,
                                 int... hidden) {
        List<LifLayer> layers = new ArrayList<>();
        for (int h : hidden) {
            layers.add(new LifLayer.Builder().neuronType(type).nOut(h).batchNorm(batchNorm).bidirectional(bidirectional)
                    .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).hasBias(true).build());
        }
        return GradientChecks.net(layers, reduction, batchNorm);
    }

    static boolean check(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        return GradientChecks.check(net, x, y, mask);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIF", "RLIF", "ADLIF", "RADLIF"})
    void singleLayer(NeuronType type) {
        MultiLayerNetwork net = net(type, false, ReadoutReduction.SUM_SOFTMAX, 4);
        INDArray x = Sequences.features(DataType.DOUBLE, 1, 3, 3, 6, 1.5);
        assertTrue(check(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), null), type + " gradients");
        assertTrue(InputGradientCheck.check(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), null), type + " input gradient");
    }

    /** Padding at the end and a hole in the middle: both carry the state and pass no gradient. */
    @ParameterizedTest
    @ValueSource(strings = {"LIF", "RADLIF"})
    void masksAndBatchNorm(NeuronType type) {
        MultiLayerNetwork net = net(type, true, ReadoutReduction.SUM_SOFTMAX, 4);
        INDArray x = Sequences.features(DataType.DOUBLE, 2, 3, 3, 7, 1.5);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 7, 7, 4, 6);
        mask.putScalar(0, 2, 0.0);
        INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
        assertTrue(check(net, x, y, mask), type + " gradients with mask and batch-norm");
        assertTrue(InputGradientCheck.check(net, x, y, mask), type + " input gradient with mask");
    }

    /**
     * Batch-norm without a bias, as training builds it: the gradient through batch-norm is written
     * straight into the GEMM operand (the path with a bias first forms it in place).
     */
    @Test
    void batchNormWithoutBias() {
        List<LifLayer> layers = List.of(
                new LifLayer.Builder().neuronType(LifModel.RADLIF).nOut(4).batchNorm(true)
                        .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).hasBias(false).build(),
                new LifLayer.Builder().neuronType(LifModel.RADLIF).nOut(3).batchNorm(true)
                        .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).hasBias(false).build());
        MultiLayerNetwork net = GradientChecks.net(layers, ReadoutReduction.SUM_SOFTMAX, true);
        INDArray x = Sequences.features(DataType.DOUBLE, 8, 3, 3, 6, 2.0);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 6, 6, 4, 5);
        INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
        assertTrue(check(net, x, y, mask), "batch-norm without bias: gradients");
        assertTrue(InputGradientCheck.check(net, x, y, mask), "batch-norm without bias: input gradient");
    }

    /** Two spiking layers: the inner layer's epsilon is the outer layer's time-major input gradient. */
    @Test
    void stackOfTwo() {
        MultiLayerNetwork net = net(LifModel.RADLIF, true, ReadoutReduction.SUM_SOFTMAX, 4, 3);
        INDArray x = Sequences.features(DataType.DOUBLE, 3, 3, 3, 6, 2.0);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 6, 6, 5, 3);
        INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
        assertTrue(check(net, x, y, mask), "stack gradients");
        assertTrue(InputGradientCheck.check(net, x, y, mask), "stack input gradient");
    }

    /** Bidirectional (shared parameters, reversed copy of each sequence; padding then comes first). */
    @ParameterizedTest
    @ValueSource(strings = {"LIF", "RADLIF"})
    void bidirectionalStack(NeuronType type) {
        MultiLayerNetwork net = net(type, true, true, ReadoutReduction.SUM_SOFTMAX, 3, 2);
        INDArray x = Sequences.features(DataType.DOUBLE, 6, 3, 3, 6, 2.0);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 6, 6, 4, 5);
        INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
        assertEquals(6, ((LifLayer) net.getLayerWiseConfigurations().getConf(1).getLayer()).getNIn());
        assertTrue(check(net, x, y, mask), type + " bidirectional gradients");
        assertTrue(InputGradientCheck.check(net, x, y, mask), type + " bidirectional input gradient");
    }

    @ParameterizedTest
    @EnumSource(value = ReadoutReduction.class, names = {"SUM_SOFTMAX", "MAX", "MEAN", "LAST"})
    void readoutReductions(ReadoutReduction reduction) {
        MultiLayerNetwork net = net(LifModel.RLIF, false, reduction, 4);
        INDArray x = Sequences.features(DataType.DOUBLE, 4, 3, 3, 6, 1.5);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 6, 6, 2, 5);
        INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
        assertTrue(check(net, x, y, mask), reduction + " gradients");
        assertTrue(InputGradientCheck.check(net, x, y, mask), reduction + " input gradient");
    }

    /** A parameter outside its range is clamped: its gradient is zero, as torch.clamp's. */
    @Test
    void clampedParametersGetNoGradient() {
        MultiLayerNetwork net = net(LifModel.ADLIF, false, ReadoutReduction.SUM_SOFTMAX, 4);
        net.getLayer(0).getParam(LifLayer.ALPHA).putScalar(0, 0.5);
        net.getLayer(0).getParam(LifLayer.B).putScalar(1, 2.5);
        INDArray x = Sequences.features(DataType.DOUBLE, 5, 3, 3, 6, 1.5);
        INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
        assertTrue(check(net, x, y, null));
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        assertEquals(0.0, net.gradient().getGradientFor("0_alpha").getDouble(0), 0.0);
        assertEquals(0.0, net.gradient().getGradientFor("0_B").getDouble(1), 0.0);
        assertNotEquals(0.0, net.gradient().getGradientFor("0_alpha").getDouble(1), 0.0);
    }
}
