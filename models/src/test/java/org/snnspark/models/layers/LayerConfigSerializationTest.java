package org.snnspark.models.layers;

import org.apache.commons.lang3.SerializationUtils;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.spec.NeuronType;
import org.snnspark.models.spec.ReadoutReduction;
import org.snnspark.models.spec.SurrogateKind;
import org.snnspark.models.testutil.Sequences;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DL4J-Spark ships configurations to executors as JSON and models as ModelSerializer zips: both
 * must give back the same network, computing the same outputs.
 */
class LayerConfigSerializationTest {

    private static MultiLayerConfiguration conf(NeuronType type) {
        ModelSpec spec = new ModelSpec().withNeuron(type).withHidden(6, 5).withBatchNorm(true)
                .withReadout(ReadoutReduction.MAX).withSurrogate(SurrogateKind.FAST_SIGMOID)
                .withSurrogateParameter(25.0).withThreshold(0.8).withDropout(0.25).withBidirectional(true);
        return NetworkBuilder.build(spec, 4, 3, 9, new Adam(1e-3));
    }

    @ParameterizedTest
    @EnumSource(value = NeuronType.class, names = {"LIF", "RLIF", "ADLIF", "RADLIF"})
    void jsonAndJavaSerializationRoundTrip(NeuronType type) {
        MultiLayerConfiguration conf = conf(type);
        String json = conf.toJson();
        assertTrue(json.contains("\"org.snnspark.models.layers.LifLayer\""), "layer class in JSON");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(json, back.toJson());
        LifLayer layer = (LifLayer) back.getConf(0).getLayer();
        assertEquals(type, layer.neuronType());
        assertEquals(SurrogateKind.FAST_SIGMOID, layer.getSurrogate());
        assertEquals(25.0, layer.getSurrogateParameter(), 0.0);
        assertEquals(0.8, layer.getThreshold(), 0.0);
        assertEquals(0.25, layer.getSpikeDropout(), 0.0);
        assertTrue(layer.isBidirectional());
        assertEquals(ReadoutReduction.MAX, ((LeakyReadout) back.getConf(2).getLayer()).getReduction());
        assertEquals(conf, SerializationUtils.clone(conf));
    }

    @ParameterizedTest
    @EnumSource(value = NeuronType.class, names = {"LIF", "RLIF", "ADLIF", "RADLIF"})
    void modelSerializerGivesIdenticalOutputs(NeuronType type) throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(type));
        net.init();
        INDArray x = Sequences.features(DataType.FLOAT, 3, 5, 4, 9, 2.0);
        INDArray mask = Sequences.endPaddingMask(DataType.FLOAT, 9, 9, 4, 7, 9, 2);
        // one training step so batch-norm running statistics and all parameters move off their init
        net.fit(new org.nd4j.linalg.dataset.DataSet(x, Sequences.oneHot(DataType.FLOAT, 5, 3), mask, null));
        INDArray before = net.output(x, false, mask, null);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);

        assertEquals(net.params(), back.params());
        assertEquals(before, back.output(x, false, mask, null));
        assertEquals(net.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
    }
}
