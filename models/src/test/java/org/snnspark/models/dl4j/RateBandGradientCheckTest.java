package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.DoublePrecision;
import org.snnspark.models.testutil.Sequences;
import org.snnspark.models.testutil.GradientChecks;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.neuron.alif.AlifLayer;
import org.snnspark.models.neuron.lif.LifLayer;

/**
 * The firing-rate band penalty is part of the score and of backprop: numerical gradient checks
 * with the band narrow enough that neurons sit on both sides of it, for a stack (the penalty of
 * the upper layer reaches the lower one through its spikes), a bidirectional layer and masks.
 */
@ExtendWith(DoublePrecision.class)
class RateBandGradientCheckTest {

    private static MultiLayerNetwork net(double strength, boolean bidirectional) {
        List<BaseSpikingLayer> layers = Arrays.asList(
                new LifLayer.Builder().neuronType(LifModel.RADLIF).nOut(4).bidirectional(bidirectional)
                        .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).hasBias(true).rateBand(0.35, 0.45, strength)
                        .build(),
                new AlifLayer.Builder().nOut(3).tauMInit(5, 1).tauAdpInit(12, 2).threshold(0.3)
                        .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).rateBand(0.4, 0.5, strength).build());
        return GradientChecks.net(layers, ReadoutReduction.SUM_SOFTMAX, false);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void penaltyGradientsCheck(boolean bidirectional) {
        MultiLayerNetwork net = net(3.0, bidirectional);
        INDArray x = Sequences.features(DataType.DOUBLE, 31, 3, 3, 7, 1.5);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 7, 7, 5, 6);
        assertTrue(GradientChecks.checkAll(net, x, Sequences.oneHot(DataType.DOUBLE, 3, 3), mask));
    }

    /** The score is the loss plus both layers' penalties; the penalty is not zero here. */
    @Test
    void scoreIncludesThePenalty() {
        INDArray x = Sequences.features(DataType.DOUBLE, 33, 3, 3, 7, 1.5);
        DataSet ds = new DataSet(x, Sequences.oneHot(DataType.DOUBLE, 3, 3));
        MultiLayerNetwork with = net(3.0, false);
        MultiLayerNetwork without = net(0.0, false);
        without.setParams(with.params());
        double penalty = with.score(ds, true) - without.score(ds, true);
        assertTrue(penalty > 1e-4, "penalty " + penalty);
        assertEquals(penalty, with.getLayer(0).calcRegularizationScore(true) + with.getLayer(1).calcRegularizationScore(true),
                1e-12);
    }
}
