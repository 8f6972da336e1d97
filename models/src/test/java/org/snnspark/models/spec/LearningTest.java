package org.snnspark.models.spec;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.snnspark.models.neuron.NeuronType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.neuron.alif.AlifModel;
import org.snnspark.models.neuron.cuba.CubaModel;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.neuron.singlespike.SingleSpikeModel;

/**
 * The whole stack learns a task that needs memory: which of two input channels bursts first.
 * Both classes have the same spikes per channel, only their order differs, so a network without
 * state over ~10 steps cannot beat chance. Spike trains are binary (SHD-like), with background
 * noise and jitter; each model trains with its own surrogate and its reference's readout.
 */
class LearningTest {
    private static final int CHANNELS = 6;
    private static final int STEPS = 30;

    /** Burst of channel group A at ~t=4 and group B at ~t=14 (class 0), or the other way round (class 1). */
    static DataSet orderTask(int n, long seed) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, CHANNELS, STEPS);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int b = 0; b < n; b++) {
            int cls = b % 2;
            y.putScalar(b, cls, 1.0);
            int firstGroup = cls == 0 ? 0 : 1;
            burst(x, b, firstGroup, 3 + r.nextInt(3), r);
            burst(x, b, 1 - firstGroup, 13 + r.nextInt(3), r);
            for (int c = 0; c < CHANNELS; c++) {
                for (int t = 0; t < STEPS; t++) {
                    if (r.nextDouble() < 0.03) {
                        x.putScalar(new long[]{b, c, t}, 1.0);
                    }
                }
            }
        }
        return new DataSet(x, y);
    }

    /** Channels of a group (even = group 0, odd = group 1) spike for 3 steps from {@code start}. */
    private static void burst(INDArray x, int b, int group, int start, Random r) {
        for (int c = group; c < CHANNELS; c += 2) {
            for (int t = start; t < start + 3; t++) {
                if (r.nextDouble() < 0.9) {
                    x.putScalar(new long[]{b, c, t}, 1.0);
                }
            }
        }
    }

    /** Each model with its reference's readout: sparch's sum of softmax, Zenke's max, snnTorch's spike count. */
    static Stream<Arguments> recipes() {
        return Stream.of(Arguments.of(LifModel.RLIF, ReadoutReduction.SUM_SOFTMAX),
                Arguments.of(LifModel.RADLIF, ReadoutReduction.SUM_SOFTMAX),
                Arguments.of(CubaModel.RCUBA_LIF, ReadoutReduction.MAX),
                Arguments.of(AlifModel.ALIF, ReadoutReduction.SUM_SOFTMAX),
                Arguments.of(LeakyModel.RLEAKY, ReadoutReduction.SPIKE_COUNT),
                // FastSNN's readout is the max over time of a leaky integrator
                Arguments.of(SingleSpikeModel.SINGLE_SPIKE, ReadoutReduction.MAX));
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void learnsTheOrderOfTwoBursts(NeuronType type, ReadoutReduction readout) {
        ModelSpec spec = new ModelSpec().withNeuron(type).withHidden(24).withDropout(0.0).withBatchNorm(true)
                .withReadout(readout);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, CHANNELS, 2, 7, new Adam(0.02)));
        net.init();
        DataSet train = orderTask(64, 1);
        DataSet test = orderTask(64, 2);
        double before = accuracy(net, test);
        for (int i = 0; i < 60; i++) {
            net.fit(train);
        }
        double after = accuracy(net, test);
        assertTrue(after >= 0.9, type + " / " + readout + ": test accuracy " + before + " -> " + after + ", score "
                + net.score());
    }

    static double accuracy(MultiLayerNetwork net, DataSet ds) {
        INDArray predicted = net.output(ds.getFeatures(), false).argMax(1);
        INDArray actual = ds.getLabels().argMax(1);
        return predicted.eq(actual).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
}
