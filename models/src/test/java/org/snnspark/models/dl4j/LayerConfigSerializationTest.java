package org.snnspark.models.dl4j;

import org.junit.jupiter.params.provider.MethodSource;
import org.snnspark.models.spec.NeuronModels;
import org.snnspark.models.neuron.singlespike.SingleSpikeModel;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.models.neuron.alif.AlifModel;
import org.snnspark.models.neuron.cuba.CubaModel;
import org.apache.commons.lang3.SerializationUtils;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.Sequences;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import org.snnspark.models.neuron.alif.AlifLayer;
import org.snnspark.models.neuron.cuba.CubaLifLayer;
import org.snnspark.models.neuron.leaky.LeakyLayer;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.neuron.singlespike.SingleSpikeLayer;
import org.snnspark.models.neuron.seadlif.SeAdlifLayer;
import org.snnspark.models.neuron.seadlif.SeAdlifModel;

/**
 * DL4J-Spark ships configurations to executors as JSON and models as ModelSerializer zips: both
 * must give back the same network, computing the same outputs.
 */
class LayerConfigSerializationTest {

    /** Every setting off its default, model-specific ones included, so a lost field shows. */
    private static MultiLayerConfiguration conf(NeuronType type) {
        ModelSpec spec = new ModelSpec().withNeuron(type).withHidden(6, 5).withBatchNorm(true)
                .withReadout(ReadoutReduction.MAX).withSurrogate(SurrogateKind.FAST_SIGMOID)
                .withSurrogateParameter(25.0).withThreshold(0.8).withDropout(0.25).withBidirectional(true)
                .withDt(2.0).with(CubaModel.TAU_MEM, 15.0).with(CubaModel.TAU_SYN, 4.0).with(AlifModel.TAU_ADAPT, 90.0)
                .with(LeakyModel.BETA, 0.9).with(LeakyModel.LEARN_BETA, true)
                .with(SeAdlifModel.TAU_MEM_MIN, 3.0).with(SeAdlifModel.TAU_MEM_MAX, 30.0)
                .with(SeAdlifModel.TAU_ADAPT_MIN, 50.0).with(SeAdlifModel.TAU_ADAPT_MAX, 400.0)
                .with(SeAdlifModel.ADAPT_SCALE, 60.0).withRateBand(0.02, 0.3, 0.5);
        return NetworkBuilder.build(spec, 4, 3, 9, new Adam(1e-3));
    }

    @ParameterizedTest
    @MethodSource("org.snnspark.models.neuron.NeuronType#values")
    void jsonAndJavaSerializationRoundTrip(NeuronType type) {
        MultiLayerConfiguration conf = conf(type);
        String json = conf.toJson();
        Class<?> layerClass = conf.getConf(0).getLayer().getClass();
        assertEquals(NeuronModels.of(type).getClass().getPackage(), layerClass.getPackage(),
                "a model's layer lives in its model's folder");
        assertTrue(json.contains("\"" + layerClass.getName() + "\""), "layer class in JSON");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(json, back.toJson());
        BaseSpikingLayer layer = (BaseSpikingLayer) back.getConf(0).getLayer();
        assertEquals(conf.getConf(0).getLayer(), layer);
        assertEquals(type, layer.neuronType());
        assertEquals(SurrogateKind.FAST_SIGMOID, layer.getSurrogate());
        assertEquals(25.0, layer.getSurrogateParameter(), 0.0);
        assertEquals(0.8, layer.getThreshold(), 0.0);
        assertEquals(0.25, layer.getSpikeDropout(), 0.0);
        assertTrue(layer.isBidirectional());
        assertEquals(ReadoutReduction.MAX, ((LeakyReadout) back.getConf(2).getLayer()).getReduction());
        assertEquals(conf, SerializationUtils.clone(conf));
        assertModelSettings(type, layer);
    }

    /** The spec's model-specific settings arrived in the layer (and so survived the round trip). */
    private static void assertModelSettings(NeuronType type, BaseSpikingLayer layer) {
        if (CubaModel.TYPES.contains(type)) {
            assertEquals(2.0, ((CubaLifLayer) layer).getDt(), 0.0);
            assertEquals(15.0, ((CubaLifLayer) layer).getTauMem(), 0.0);
            assertEquals(4.0, ((CubaLifLayer) layer).getTauSyn(), 0.0);
            assertTrue(((CubaLifLayer) layer).isDetachReset());
        } else if (AlifModel.TYPES.contains(type)) {
            assertEquals(2.0, ((AlifLayer) layer).getDt(), 0.0);
            assertEquals(15.0, ((AlifLayer) layer).getTauMInit(), 0.0);
            assertEquals(90.0, ((AlifLayer) layer).getTauAdpInit(), 0.0);
            assertEquals(1.8, ((AlifLayer) layer).getBetaA(), 0.0);
        } else if (LeakyModel.TYPES.contains(type)) {
            assertEquals(0.9, ((LeakyLayer) layer).getBeta(), 0.0);
            assertTrue(((LeakyLayer) layer).isLearnBeta());
        } else if (SeAdlifModel.TYPES.contains(type)) {
            SeAdlifLayer l = (SeAdlifLayer) layer;
            assertEquals(2.0, l.getDt(), 0.0);
            assertEquals(3.0, l.getTauUMin(), 0.0);
            assertEquals(30.0, l.getTauUMax(), 0.0);
            assertEquals(50.0, l.getTauWMin(), 0.0);
            assertEquals(400.0, l.getTauWMax(), 0.0);
            assertEquals(60.0, l.getQ(), 0.0);
            assertTrue(l.isDetachReset());
            assertTrue(l.isHasBias());
        } else if (SingleSpikeModel.TYPES.contains(type)) {
            assertEquals(0.9, ((SingleSpikeLayer) layer).getBeta(), 0.0);
            assertTrue(((SingleSpikeLayer) layer).isLearnBeta());
        } else if (LifModel.TYPES.contains(type)) {
            assertEquals(type.isAdaptive(), ((LifLayer) layer).isAdaptive());
        } else {
            fail(type + ": add the check that its model's own settings survive the round trip here");
        }
        assertEquals(type.isRecurrent(), layer.isRecurrent());
        assertEquals(0.02, layer.getRateLow(), 0.0);
        assertEquals(0.3, layer.getRateHigh(), 0.0);
        assertEquals(0.5, layer.getRateStrength(), 0.0);
    }

    @ParameterizedTest
    @MethodSource("org.snnspark.models.neuron.NeuronType#values")
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

    /** A model's settings take part in equality, hash and description without a line per setting. */
    @org.junit.jupiter.api.Test
    void everyModelSettingCountsInEquality() {
        CubaLifLayer cuba = new CubaLifLayer.Builder().nOut(3).tauMem(10).build();
        assertEquals(cuba, new CubaLifLayer.Builder().nOut(3).tauMem(10).build());
        assertEquals(cuba.hashCode(), new CubaLifLayer.Builder().nOut(3).tauMem(10).build().hashCode());
        assertNotEquals(cuba, new CubaLifLayer.Builder().nOut(3).tauMem(12).build());
        assertNotEquals(cuba, new CubaLifLayer.Builder().nOut(3).tauMem(10).dt(2).build(), "dt, of the base class");
        assertNotEquals(cuba, new CubaLifLayer.Builder().nOut(3).tauMem(10).detachReset(false).build());
        assertTrue(cuba.toString().contains("dt=1.0, tauSyn=5.0, tauMem=10.0, detachReset=true"), cuba.toString());
        LeakyLayer leaky = new LeakyLayer.Builder().nOut(3).beta(0.9).build();
        assertNotEquals(leaky, new LeakyLayer.Builder().nOut(3).beta(0.8).build(), "beta, of MembraneDecayLayer");
        assertNotEquals(leaky, new LeakyLayer.Builder().nOut(3).beta(0.9).learnBeta(true).build());
    }
}
