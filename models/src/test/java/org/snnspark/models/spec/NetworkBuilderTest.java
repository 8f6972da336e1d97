package org.snnspark.models.spec;

import org.deeplearning4j.nn.api.Layer;
import org.junit.jupiter.params.provider.MethodSource;
import org.snnspark.models.neuron.NeuronType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.dl4j.LeakyReadout;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.dl4j.SpikeCountOutput;
import org.snnspark.models.dl4j.SpikingLayer;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.testutil.Sequences;

import java.io.File;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.surrogate.SurrogateKind;

/** The pipeline's entry point: spec -> configuration -> a network that trains, saves and reloads. */
class NetworkBuilderTest {

    private static DataSet batch(int nIn, int nClasses) {
        INDArray x = Sequences.features(DataType.FLOAT, 7, 4, nIn, 12, 1.0);
        INDArray mask = Sequences.endPaddingMask(DataType.FLOAT, 12, 12, 9, 5, 12);
        return new DataSet(x, Sequences.oneHot(DataType.FLOAT, 4, nClasses), mask, null);
    }

    @Test
    void defaultSpecBuildsTheDocumentedStack() {
        ModelSpec spec = new ModelSpec().withBatchNorm(false);
        assertEquals(LifModel.RADLIF, spec.getNeuron());
        assertArrayEquals(new int[]{128, 128}, spec.getHidden());
        MultiLayerConfiguration conf = NetworkBuilder.build(spec.withHidden(16, 8), 10, 5, 1, new Adam(1e-3));
        assertEquals(4, conf.getConfs().size());
        LifLayer first = (LifLayer) conf.getConf(0).getLayer();
        assertEquals(LifModel.RADLIF, first.neuronType());
        assertEquals(10, first.getNIn());
        assertEquals(16, first.getNOut());
        assertEquals(0.1, first.getSpikeDropout(), 0.0);
        LeakyReadout readout = (LeakyReadout) conf.getConf(2).getLayer();
        assertEquals(8, readout.getNIn());
        assertEquals(5, readout.getNOut());
        assertEquals(ReadoutReduction.SUM_SOFTMAX, readout.getReduction());
    }

    /**
     * The first layer does not form the input gradient training throws away, which changes no
     * parameter gradient; withInputGradient brings it back for the uses that want it.
     */
    @Test
    void firstLayerLeavesOutTheInputGradientOnlyTrainingSkips() {
        ModelSpec spec = new ModelSpec().withBatchNorm(false).withHidden(12, 8).withDropout(0.0);
        MultiLayerConfiguration lean = NetworkBuilder.build(spec, 10, 5, 3, new Adam(1e-3));
        assertFalse(((BaseSpikingLayer) lean.getConf(0).getLayer()).isInputGradient());
        assertTrue(((BaseSpikingLayer) lean.getConf(1).getLayer()).isInputGradient());
        MultiLayerConfiguration full = NetworkBuilder.withInputGradient(NetworkBuilder.build(spec, 10, 5, 3, new Adam(1e-3)));
        assertTrue(((BaseSpikingLayer) full.getConf(0).getLayer()).isInputGradient());
        assertEquals(lean.getConf(0).getLayer(), MultiLayerConfiguration.fromJson(lean.toJson()).getConf(0).getLayer(),
                "the setting survives JSON");

        MultiLayerNetwork a = new MultiLayerNetwork(lean);
        a.init();
        MultiLayerNetwork b = new MultiLayerNetwork(full);
        b.init(a.params().dup(), true);
        // strong enough to make the layer spike: its gradients are not all zero
        INDArray x = Sequences.features(DataType.FLOAT, 7, 4, 10, 12, 6.0);
        INDArray eps = Sequences.features(DataType.FLOAT, 8, 4, 12, 12, 1.0);
        Pair<Gradient, INDArray> ga = firstLayerBackprop(a, x, eps);
        Pair<Gradient, INDArray> gb = firstLayerBackprop(b, x, eps);
        assertTrue(ga.getFirst().gradient().norm2Number().doubleValue() > 0);
        assertEquals(ga.getFirst().gradient(), gb.getFirst().gradient());
        assertNull(ga.getSecond());
        assertTrue(gb.getSecond().norm2Number().doubleValue() > 0);
    }

    private static Pair<Gradient, INDArray> firstLayerBackprop(MultiLayerNetwork net, INDArray x, INDArray eps) {
        // a layer used on its own needs the gradient views a first fit() would set up
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, ws);
        layer.activate(true, ws);
        Pair<Gradient, INDArray> p = layer.backpropGradient(eps, ws);
        return new Pair<>(new DefaultGradient(p.getFirst().gradient().dup()), p.getSecond());
    }

    /** Every neuron model: its layer, its reference surrogate and threshold unless set, and it trains. */
    @ParameterizedTest
    @MethodSource("org.snnspark.models.neuron.NeuronType#values")
    void everyNeuronModelBuildsWithItsDefaultsAndFits(NeuronType type) {
        // one layer: at init a deeper LIF stack can be silent, with no gradient to move anything
        ModelSpec spec = new ModelSpec().withBatchNorm(false).withNeuron(type).withHidden(9);
        assertEquals(NeuronModels.of(type).surrogate(), spec.effectiveSurrogate());
        MultiLayerConfiguration conf = NetworkBuilder.build(spec, 10, 5, 1, new Adam(1e-2));
        BaseSpikingLayer layer = (BaseSpikingLayer) conf.getConf(0).getLayer();
        assertEquals(type, layer.neuronType());
        assertEquals(NeuronModels.of(type).surrogate(), layer.getSurrogate());
        assertEquals(NeuronModels.of(type).surrogate().defaultParameter(), layer.getSurrogateParameter(), 0.0);
        assertEquals(NeuronModels.of(type).threshold(), layer.getThreshold(), 0.0);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet ds = batch(10, 5);
        ds.getFeatures().muli(6);
        INDArray before = net.params().dup();
        net.fit(ds);
        assertFalse(Double.isNaN(net.score()));
        assertFalse(before.equals(net.params()), "parameters moved");
        // an explicit surrogate wins over the model's own
        BaseSpikingLayer explicit = (BaseSpikingLayer) NetworkBuilder.build(spec.withSurrogate(SurrogateKind.BOXCAR),
                10, 5, 1, new Adam(1e-2)).getConf(0).getLayer();
        assertEquals(SurrogateKind.BOXCAR, explicit.getSurrogate());
        assertEquals(0.5, explicit.getSurrogateParameter(), 0.0);
    }

    /** snnTorch's recipe: a spiking output layer whose spike counts are the output, scored by mse_count_loss. */
    @Test
    void spikeCountReadoutEndsInASpikingOutputLayer(@TempDir File dir) throws Exception {
        ModelSpec spec = new ModelSpec().withBatchNorm(false).withNeuron(LeakyModel.RLEAKY).withHidden(12)
                .withBidirectional(true)
                .withDropout(0.2).withReadout(ReadoutReduction.SPIKE_COUNT).withCountRates(0.6, 0.1);
        MultiLayerConfiguration conf = NetworkBuilder.build(spec, 10, 5, 1, new Adam(1e-2));
        assertEquals(3, conf.getConfs().size());
        BaseSpikingLayer out = (BaseSpikingLayer) conf.getConf(1).getLayer();
        assertEquals(LeakyModel.RLEAKY, out.neuronType());
        assertEquals(24, out.getNIn());
        assertEquals(5, out.getNOut());
        assertFalse(out.isBidirectional());
        assertEquals(0.0, out.getSpikeDropout(), 0.0);
        SpikeCountOutput loss = (SpikeCountOutput) conf.getConf(2).getLayer();
        assertEquals(0.6, loss.getCorrectRate(), 0.0);
        assertEquals(0.1, loss.getIncorrectRate(), 0.0);
        assertEquals(conf, MultiLayerConfiguration.fromJson(conf.toJson()));

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet ds = batch(10, 5);
        ds.getFeatures().muli(6);
        for (int i = 0; i < 3; i++) {
            net.fit(ds);
        }
        assertFalse(Double.isNaN(net.score()));
        INDArray counts = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        assertArrayEquals(new long[]{4, 5}, counts.shape());
        assertEquals(0.0, counts.sub(Transforms.round(counts)).norm2Number().doubleValue(), 0.0, "whole spike counts");
        assertTrue(counts.minNumber().doubleValue() >= 0);

        File file = new File(dir, "model.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(counts, back.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null));
    }

    /**
     * Every layer's output type has a size: DL4J logs "Assigning a size of zero" when shape
     * inference meets a layer with nOut 0 (the loss layer did before it got its sizes).
     */
    @Test
    void everyLayerHasANonEmptyOutputType() {
        MultiLayerConfiguration conf =
                NetworkBuilder.build(new ModelSpec().withBatchNorm(false).withHidden(7, 5), 10, 4, 1, new Adam(1e-3));
        java.util.List<org.deeplearning4j.nn.conf.inputs.InputType> types =
                conf.getLayerActivationTypes(org.deeplearning4j.nn.conf.inputs.InputType.recurrent(10, 20));
        assertEquals(conf.getConfs().size(), types.size());
        for (org.deeplearning4j.nn.conf.inputs.InputType t : types) {
            assertTrue(t.arrayElementsPerExample() > 0, "output type " + t);
        }
        assertEquals(4, types.get(types.size() - 1).arrayElementsPerExample());
    }

    @Test
    void fitsWithMaskAndReportsFiringRates(@TempDir File dir) throws Exception {
        ModelSpec spec = new ModelSpec().withHidden(16, 8).withBatchNorm(true);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, 10, 5, 3, new Adam(1e-2)));
        net.init();
        DataSet ds = batch(10, 5);
        INDArray mean = net.getLayer(0).getParam("bnMean");
        INDArray var = net.getLayer(0).getParam("bnVar");
        assertEquals(0.0, mean.sumNumber().doubleValue(), 0.0);
        for (int i = 0; i < 3; i++) {
            net.fit(ds);
        }
        // running statistics move towards the batch statistics (momentum 0.05), untouched by Adam
        assertTrue(mean.norm2Number().doubleValue() > 0, "running mean updated");
        assertTrue(var.sub(1.0).norm2Number().doubleValue() > 0, "running variance updated");
        assertTrue(var.minNumber().doubleValue() > 0, "running variance stays positive");
        assertFalse(Double.isNaN(net.score()));
        INDArray out = net.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null);
        assertArrayEquals(new long[]{4, 5}, out.shape());
        assertEquals(4.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
        for (int i = 0; i < 2; i++) {
            Layer l = net.getLayer(i);
            double rate = ((SpikingLayer) l).lastFiringRate();
            assertTrue(rate >= 0 && rate <= 1, "rate " + rate);
            assertEquals(4, ((SpikingLayer) l).lastSpikeCountsPerSample().length);
        }

        File file = new File(dir, "model.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.getLayerWiseConfigurations(), back.getLayerWiseConfigurations());
        assertEquals(out, back.output(ds.getFeatures(), false, ds.getFeaturesMaskArray(), null));
        back.fit(ds);
    }
}
