package org.snnspark.models.dl4j;

import org.junit.jupiter.params.provider.ValueSource;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.models.neuron.alif.AlifModel;
import org.snnspark.models.neuron.cuba.CubaModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.DoublePrecision;
import org.snnspark.models.testutil.Sequences;
import org.snnspark.models.testutil.GradientChecks;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.neuron.alif.AlifLayer;
import org.snnspark.models.neuron.cuba.CubaLifLayer;
import org.snnspark.models.neuron.leaky.LeakyLayer;

/**
 * Numerical gradient checks of the CUBA, ALIF and Leaky kernels through whole networks: every
 * parameter (W, bias, V, ALIF's trained time constants, Leaky's trained beta, batch-norm) and
 * the input gradient, in double precision with smooth sigmoid spikes.
 * <p>
 * The references cut the gradient through the reset (CUBA's {@code out.detach()}, snnTorch's
 * detached reset); that is a deliberate approximation a numerical check cannot confirm, so the
 * checks run with {@code detachReset(false)} — the complete derivative — and the detached
 * variant is compared with PyTorch autograd in {@link NeuronModelReferenceTest}. Time constants
 * are shortened so the decays differ clearly from 1 and their gradients are not tiny.
 */
@ExtendWith(DoublePrecision.class)
class NeuronModelGradientCheckTest {
    /** A layer of the model's family, set up for a numerical check. */
    static BaseSpikingLayer.Builder<?> layer(NeuronType type) {
        BaseSpikingLayer.Builder<?> b;
        if (CubaModel.TYPES.contains(type)) {
            b = new CubaLifLayer.Builder().neuronType(type).tauSyn(3).tauMem(6).detachReset(false);
        } else if (AlifModel.TYPES.contains(type)) {
            b = new AlifLayer.Builder().tauMInit(5, 1).tauAdpInit(12, 2).threshold(0.3);
        } else if (LeakyModel.TYPES.contains(type)) {
            b = new LeakyLayer.Builder().neuronType(type).beta(0.8).learnBeta(true).detachReset(false);
        } else {
            throw new IllegalArgumentException(type.toString());
        }
        return b.surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).hasBias(true);
    }

    static MultiLayerNetwork net(NeuronType type, boolean batchNorm, boolean bidirectional, int... hidden) {
        List<BaseSpikingLayer> layers = new ArrayList<>();
        for (int h : hidden) {
            layers.add((BaseSpikingLayer) layer(type).batchNorm(batchNorm).bidirectional(bidirectional).nOut(h).build());
        }
        return GradientChecks.net(layers, ReadoutReduction.SUM_SOFTMAX, batchNorm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CUBA_LIF", "RCUBA_LIF", "ALIF", "LEAKY", "RLEAKY"})
    void singleLayer(NeuronType type) {
        MultiLayerNetwork net = net(type, false, false, 4);
        INDArray x = Sequences.features(DataType.DOUBLE, 21, 3, 3, 7, 1.5);
        assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), null), type + " gradients");
    }

    /** Padding at the end and a hole in the middle, with batch-norm. */
    @ParameterizedTest
    @ValueSource(strings = {"RCUBA_LIF", "ALIF", "RLEAKY"})
    void masksAndBatchNorm(NeuronType type) {
        MultiLayerNetwork net = net(type, true, false, 4);
        INDArray x = Sequences.features(DataType.DOUBLE, 22, 3, 3, 7, 1.5);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 7, 7, 4, 6);
        mask.putScalar(0, 2, 0.0);
        assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), mask),
                type + " gradients with mask and batch-norm");
    }

    /** Two spiking layers: workspaces and the time-major epsilon between layers (index >= 1). */
    @ParameterizedTest
    @ValueSource(strings = {"RCUBA_LIF", "ALIF", "RLEAKY"})
    void stackOfTwo(NeuronType type) {
        MultiLayerNetwork net = net(type, true, false, 4, 3);
        INDArray x = Sequences.features(DataType.DOUBLE, 23, 3, 3, 6, 2.0);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 6, 6, 5, 3);
        assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), mask), type + " stack");
    }

    @Test
    void bidirectionalAlif() {
        MultiLayerNetwork net = net(AlifModel.ALIF, false, true, 3);
        INDArray x = Sequences.features(DataType.DOUBLE, 24, 3, 3, 6, 2.0);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 6, 6, 4, 5);
        assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), mask));
    }

    /** ALIF without recurrence (Yin's dense layers), and Leaky with snnTorch's default fixed beta. */
    @Test
    void feedForwardAlifAndFixedBetaLeaky() {
        List<BaseSpikingLayer> layers = new ArrayList<>();
        layers.add((BaseSpikingLayer) layer(AlifModel.ALIF).recurrent(false).nOut(4).build());
        layers.add(new LeakyLayer.Builder().neuronType(LeakyModel.RLEAKY).beta(0.7).detachReset(false)
                .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).nOut(3).build());
        MultiLayerNetwork net = GradientChecks.net(layers, ReadoutReduction.MEAN, false);
        INDArray x = Sequences.features(DataType.DOUBLE, 25, 3, 3, 6, 2.0);
        assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), null));
    }

    /** The time constants do receive gradient (not zero by accident, e.g. through a clamp). */
    @Test
    void alifTimeConstantsAreTrained() {
        MultiLayerNetwork net = net(AlifModel.ALIF, false, false, 4);
        net.setInput(Sequences.features(DataType.DOUBLE, 26, 3, 3, 7, 1.5));
        net.setLabels(Sequences.oneHot(DataType.DOUBLE, 3, 3));
        net.computeGradientAndScore();
        assertNotEquals(0.0, net.gradient().getGradientFor("0_" + AlifLayer.TAU_M).norm2Number().doubleValue());
        assertNotEquals(0.0, net.gradient().getGradientFor("0_" + AlifLayer.TAU_ADP).norm2Number().doubleValue());
    }
}
