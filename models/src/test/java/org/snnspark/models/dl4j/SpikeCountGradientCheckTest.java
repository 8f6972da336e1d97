package org.snnspark.models.dl4j;

import org.junit.jupiter.params.provider.ValueSource;
import org.snnspark.models.neuron.lif.LifModel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.testutil.DoublePrecision;
import org.snnspark.models.testutil.Sequences;
import org.snnspark.models.testutil.GradientChecks;

import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.surrogate.SurrogateKind;

/**
 * The spike-count MSE loss on a spiking output layer: numerical gradients of every parameter and
 * of the input through hidden layer, output layer and loss, with padding and a hole in the mask
 * (the valid-step count T_b enters the targets and the scale).
 */
@ExtendWith(DoublePrecision.class)
class SpikeCountGradientCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"RLEAKY", "RADLIF", "RCUBA_LIF"})
    void spikeCountLossGradientsCheck(NeuronType type) {
        BaseSpikingLayer.Builder<?> hidden = LifModel.TYPES.contains(type)
                ? new LifLayer.Builder().neuronType(type).surrogate(org.snnspark.models.surrogate.SurrogateKind.SMOOTH_SIGMOID, 4.0)
                : NeuronModelGradientCheckTest.layer(type);
        BaseSpikingLayer.Builder<?> output = LifModel.TYPES.contains(type)
                ? new LifLayer.Builder().neuronType(type).surrogate(org.snnspark.models.surrogate.SurrogateKind.SMOOTH_SIGMOID, 4.0)
                : NeuronModelGradientCheckTest.layer(type);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.UNIFORM)
                .list()
                .layer(hidden.nOut(4).build())
                .layer(output.nOut(GradientChecks.CLASSES).build())
                .layer(new SpikeCountOutput.Builder().rates(0.7, 0.2).build())
                .setInputType(InputType.recurrent(GradientChecks.CHANNELS))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Sequences.features(DataType.DOUBLE, 41, 3, 3, 8, 2.0);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 8, 8, 5, 7);
        mask.putScalar(2, 3, 0.0);
        INDArray y = Sequences.oneHot(DataType.DOUBLE, 3, 3);
        assertTrue(GradientChecks.checkAll(net, x, y, mask), type + " spike-count loss gradients");
        // the output is the spike counts of the output layer over the valid steps
        INDArray spikes = net.feedForward(x, mask, null).get(2);
        INDArray counts = net.output(x, false, mask, null);
        assertTrue(spikes.mul(mask.reshape(3, 1, 8)).sum(2).equalsWithEps(counts, 1e-12));
    }
}
