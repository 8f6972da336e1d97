package org.snnspark.models.neuron.lif;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.engine.TimeMajor;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.testutil.Sequences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.dl4j.SpikingLayerImpl;
import org.snnspark.models.dl4j.SpikingParamInitializer;

/**
 * Memory layouts the layer meets: batch-major or time-major input, epsilons with any strides,
 * outputs handed on as time-major views, and state carried across rnnTimeStep calls.
 */
class LifLayerLayoutTest {

    private static MultiLayerNetwork net() {
        ModelSpec spec = new ModelSpec().withNeuron(LifModel.RADLIF).withHidden(8, 6).withDropout(0.0).withBatchNorm(true);
        // the tests compare input gradients, which a built network's first layer leaves out
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.withInputGradient(
                NetworkBuilder.build(spec, 5, 3, 5, new Adam(1e-3))));
        net.init();
        // layers used on their own need the gradient views a first fit() would set up
        net.initGradientsView();
        return net;
    }

    /** The same values as {@code x}, stored time-major, seen as NCW. */
    private static INDArray timeMajorCopy(INDArray x) {
        INDArray tm = Nd4j.create(x.dataType(), new long[]{x.size(2), x.size(0), x.size(1)}, 'c');
        tm.assign(x.permute(2, 0, 1));
        return tm.permute(1, 2, 0);
    }

    @Test
    void timeMajorAndBatchMajorInputsGiveIdenticalResults() {
        MultiLayerNetwork net = net();
        INDArray x = Sequences.features(DataType.FLOAT, 4, 4, 5, 11, 10.0);
        INDArray xt = timeMajorCopy(x);
        assertFalse(TimeMajor.isTimeMajor(x));
        assertTrue(TimeMajor.isTimeMajor(xt));
        INDArray y = Sequences.oneHot(DataType.FLOAT, 4, 3);
        INDArray mask = Sequences.endPaddingMask(DataType.FLOAT, 11, 11, 6, 9, 11);

        assertEquals(net.output(x, false, mask, null), net.output(xt, false, mask, null));
        INDArray spikes = net.feedForward(x, mask, null).get(1);
        assertTrue(TimeMajor.isTimeMajor(spikes), "spikes are handed on time-major");

        Gradient g1 = gradient(net, x, y, mask);
        Gradient g2 = gradient(net, xt, y, mask);
        assertEquals(g1.gradient(), g2.gradient());
    }

    private static Gradient gradient(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        net.setInput(x);
        net.setLabels(y);
        net.setLayerMaskArrays(mask, null);
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        assertTrue(g.gradient().sumNumber().doubleValue() != 0.0);
        return new org.deeplearning4j.nn.gradient.DefaultGradient(g.gradient().dup());
    }

    @Test
    void epsilonsWithAnyStridesGiveTheSameBackprop() {
        MultiLayerNetwork net = net();
        SpikingLayerImpl layer = (SpikingLayerImpl) net.getLayer(0);
        INDArray x = Sequences.features(DataType.FLOAT, 6, 3, 5, 7, 10.0);
        INDArray eps = Sequences.features(DataType.FLOAT, 7, 3, 8, 7, 1.0);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();

        INDArray[] layouts = {eps, eps.dup('f'), timeMajorCopy(eps), eps.permute(0, 2, 1).dup('c').permute(0, 2, 1)};
        INDArray firstGrad = null;
        INDArray firstEps = null;
        for (INDArray e : layouts) {
            layer.setInput(x, ws);
            layer.activate(true, ws);
            Pair<Gradient, INDArray> p = layer.backpropGradient(e, ws);
            if (firstGrad == null) {
                firstGrad = p.getFirst().gradient().dup();
                firstEps = p.getSecond().dup();
            } else {
                assertEquals(firstGrad, p.getFirst().gradient());
                assertEquals(firstEps, p.getSecond());
            }
        }
    }

    @Test
    void backpropWithoutAPrecedingTrainingForwardRecomputes() {
        MultiLayerNetwork net = net();
        SpikingLayerImpl layer = (SpikingLayerImpl) net.getLayer(0);
        INDArray x = Sequences.features(DataType.FLOAT, 8, 3, 5, 7, 10.0);
        INDArray eps = Sequences.features(DataType.FLOAT, 9, 3, 8, 7, 1.0);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, ws);
        layer.activate(true, ws);
        INDArray cached = layer.backpropGradient(eps, ws).getFirst().gradient().dup();
        layer.setInput(x.dup(), ws);
        layer.activate(false, ws);
        assertEquals(cached, layer.backpropGradient(eps, ws).getFirst().gradient());
    }

    /** Every model's state variables (ALIF's b starts at b0, CUBA carries its current) survive between calls. */
    @ParameterizedTest
    @ValueSource(strings = {"RADLIF", "RCUBA_LIF", "ALIF", "RLEAKY"})
    void rnnTimeStepContinuesTheStateAcrossCalls(NeuronType type) {
        ModelSpec spec = new ModelSpec().withNeuron(type).withHidden(8, 6).withDropout(0.0).withBatchNorm(true);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, 5, 3, 5, new Adam(1e-3)));
        net.init();
        SpikingLayerImpl layer = (SpikingLayerImpl) net.getLayer(0);
        INDArray x = Sequences.features(DataType.FLOAT, 10, 2, 5, 12, 10.0);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, ws);
        INDArray full = layer.activate(false, ws).dup();
        assertTrue(full.sumNumber().doubleValue() > 0, "the layer spikes at all");

        layer.rnnClearPreviousState();
        INDArray a = layer.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 5)), ws).dup();
        INDArray b = layer.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(5, 12)), ws).dup();
        assertEquals(full, Nd4j.concat(2, a, b), type + ": two calls = one");
    }

    @Test
    void trainingWithWorkspacesOnAStackMatchesTrainingWithout() {
        MultiLayerNetwork withWs = net();
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = withWs.getLayerWiseConfigurations().clone();
        conf.setTrainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        MultiLayerNetwork without = new MultiLayerNetwork(conf);
        without.init(withWs.params().dup(), true);
        INDArray x = Sequences.features(DataType.FLOAT, 12, 4, 5, 9, 10.0);
        DataSet ds = new DataSet(x, Sequences.oneHot(DataType.FLOAT, 4, 3),
                Sequences.endPaddingMask(DataType.FLOAT, 9, 9, 3, 8, 9), null);
        for (int i = 0; i < 3; i++) {
            withWs.fit(ds);
            without.fit(ds);
        }
        assertTrue(withWs.params().equalsWithEps(without.params(), 1e-6));
    }

    /** sparch's V has no self-connections: whatever its stored diagonal, it acts as zero and gets no gradient. */
    @Test
    void selfConnectionsOfTheLifFamilyAreIgnored() {
        // no batch-norm: in training it would normalise the drive below threshold (no spikes, no dV)
        ModelSpec spec = new ModelSpec().withBatchNorm(false).withNeuron(LifModel.RLIF).withHidden(8)
                .withDropout(0.0);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, 5, 3, 5, new Adam(1e-3)));
        net.init();
        net.initGradientsView();
        SpikingLayerImpl layer = (SpikingLayerImpl) net.getLayer(0);
        INDArray x = Sequences.features(DataType.FLOAT, 14, 3, 5, 9, 10.0);
        INDArray eps = Sequences.features(DataType.FLOAT, 15, 3, 8, 9, 1.0);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        INDArray v = layer.getParam(SpikingParamInitializer.V);
        for (int i = 0; i < 8; i++) {
            v.putScalar(i, i, 0.0);
        }
        layer.setInput(x, ws);
        INDArray zeroDiagonal = layer.activate(true, ws).dup();
        for (int i = 0; i < 8; i++) {
            v.putScalar(i, i, 5.0);
        }
        layer.setInput(x, ws);
        assertEquals(zeroDiagonal, layer.activate(true, ws));
        assertTrue(layer.lastFiringRate() > 0.05, "the layer spikes");
        INDArray dV = layer.backpropGradient(eps, ws).getFirst().getGradientFor(SpikingParamInitializer.V);
        assertTrue(dV.norm2Number().doubleValue() > 0);
        assertEquals(0.0, Nd4j.diag(dV).norm2Number().doubleValue(), 0.0);
    }

    @Test
    void bidirectionalBackwardHalfIsTheReversedSequenceForward() {
        ModelSpec spec = new ModelSpec().withBatchNorm(false).withNeuron(LifModel.RADLIF).withHidden(7)
                .withDropout(0.0).withBidirectional(true);
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, 5, 3, 5, new Adam(1e-3)));
        net.init();
        SpikingLayerImpl layer = (SpikingLayerImpl) net.getLayer(0);
        LayerWorkspaceMgr ws = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = Sequences.features(DataType.FLOAT, 13, 3, 5, 10, 10.0);
        INDArray reversed = Nd4j.create(DataType.FLOAT, 3, 5, 10);
        for (int t = 0; t < 10; t++) {
            reversed.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
                    .assign(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(9 - t)));
        }
        layer.setInput(x, ws);
        INDArray out = layer.activate(false, ws).dup();
        layer.setInput(reversed, ws);
        INDArray outReversed = layer.activate(false, ws).dup();
        assertEquals(14, out.size(1));
        assertTrue(out.sumNumber().doubleValue() > 0, "the layer spikes at all");
        for (int t = 0; t < 10; t++) {
            INDArray backwardHalf = out.get(NDArrayIndex.all(), NDArrayIndex.interval(7, 14), NDArrayIndex.point(t));
            INDArray forwardOfReversed = outReversed.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 7),
                    NDArrayIndex.point(9 - t));
            assertEquals(forwardOfReversed, backwardHalf, "step " + t);
        }
    }
}
