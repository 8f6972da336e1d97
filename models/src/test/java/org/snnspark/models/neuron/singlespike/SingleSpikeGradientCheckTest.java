package org.snnspark.models.neuron.singlespike;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.DoublePrecision;
import org.snnspark.models.testutil.Sequences;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.testutil.GradientChecks;

/**
 * Numerical gradient checks of the single-spike layer through whole networks: W, bias, the trained
 * decay beta and the input gradient, in double precision. With the smooth sigmoid as spike
 * function the kernel runs FastSNN's formulas step by step (a smooth function of everything), so
 * the check covers exactly the gradient the event-driven path reproduces for binary spikes
 * ({@code SingleSpikeKernelTest} holds the two paths equal). A short decay keeps beta's gradient
 * clear of zero.
 */
@ExtendWith(DoublePrecision.class)
class SingleSpikeGradientCheckTest {

    static SingleSpikeLayer.Builder layer(int n) {
        return new SingleSpikeLayer.Builder().beta(0.7).learnBeta(true).threshold(0.6)
                .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).hasBias(true).nOut(n);
    }

    private static MultiLayerNetwork net(boolean batchNorm, boolean bidirectional, int... hidden) {
        List<BaseSpikingLayer> layers = new ArrayList<>();
        for (int h : hidden) {
            layers.add(layer(h).batchNorm(batchNorm).bidirectional(bidirectional).build());
        }
        return GradientChecks.net(layers, ReadoutReduction.SUM_SOFTMAX, batchNorm);
    }

    @Test
    void singleLayer() {
        MultiLayerNetwork net = net(false, false, 4);
        INDArray x = Sequences.features(DataType.DOUBLE, 31, 3, 3, 7, 1.5);
        assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), null));
    }

    /** Padding at the end and a hole in the middle, with batch-norm: padding rows get no gradient. */
    @Test
    void masksAndBatchNorm() {
        MultiLayerNetwork net = net(true, false, 4);
        INDArray x = Sequences.features(DataType.DOUBLE, 32, 3, 3, 7, 1.5);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 7, 7, 4, 6);
        mask.putScalar(0, 2, 0.0);
        assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), mask));
    }

    /** Two single-spike layers (the second at index 1: workspaces, time-major epsilon), bidirectional. */
    @Test
    void bidirectionalStackOfTwo() {
        MultiLayerNetwork net = net(false, true, 4, 3);
        INDArray x = Sequences.features(DataType.DOUBLE, 33, 3, 3, 6, 2.0);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 6, 6, 5, 3);
        assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), mask));
    }

    /** The decay does receive gradient (not zero by accident, e.g. through the clamp). */
    @Test
    void betaIsTrained() {
        MultiLayerNetwork net = net(false, false, 4);
        net.setInput(Sequences.features(DataType.DOUBLE, 34, 3, 3, 7, 1.5));
        net.setLabels(Sequences.oneHot(DataType.DOUBLE, 3, 3));
        net.computeGradientAndScore();
        assertNotEquals(0.0, net.gradient().getGradientFor("0_" + SingleSpikeLayer.BETA).norm2Number().doubleValue());
    }
}
