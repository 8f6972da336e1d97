package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.engine.KernelChoice;
import org.snnspark.models.neuron.lif.LifKernel;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.neuron.lif.Nd4jLifKernel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.testutil.Sequences;
import org.snnspark.models.testutil.SystemProperties;
import org.snnspark.models.testutil.InputGradientCheck;
import org.snnspark.models.testutil.NetworkGradients;

import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole network on the ND4J kernel (selected with -Dsnnspark.kernel=nd4j, as a GPU backend would
 * select it) against the same network on the Java kernel: spikes, outputs, score, every gradient
 * (through batch-norm, both directions, dropout, masks and a stack) and the input gradient, then a
 * few Adam steps; in DOUBLE and FLOAT.
 */
class KernelEquivalenceTest {

    private static MultiLayerNetwork net(DataType dt, KernelChoice choice, INDArray params, DataSet warmUp) {
        ModelSpec spec = new ModelSpec().withNeuron(LifModel.RADLIF).withHidden(7, 5).withBatchNorm(true)
                .withBidirectional(true).withDropout(0.2);
        MultiLayerConfiguration conf = NetworkBuilder.build(spec, 4, 3, 5, new Adam(1e-2), dt);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(params == null ? null : params.dup(), true);
        // the kernel is created in the first forward pass
        withKernel(choice, () -> net.output(warmUp.getFeatures(), false, warmUp.getFeaturesMaskArray(), null));
        Class<?> expected = choice == KernelChoice.ND4J ? Nd4jLifKernel.class : LifKernel.class;
        for (int i = 0; i < 2; i++) {
            assertInstanceOf(expected, ((SpikingLayerImpl) net.getLayer(i)).kernel());
        }
        return net;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void nd4jKernelGivesTheJavaKernelsResults(DataType dt) {
        INDArray x = Sequences.features(dt, 51, 4, 4, 9, 6.0);
        INDArray mask = Sequences.endPaddingMask(dt, 9, 9, 6, 8, 3);
        mask.putScalar(0, 4, 0.0);
        DataSet ds = new DataSet(x, Sequences.oneHot(dt, 4, 3), mask, null);
        MultiLayerNetwork java = net(dt, KernelChoice.JAVA, null, ds);
        MultiLayerNetwork nd4j = net(dt, KernelChoice.ND4J, java.params(), ds);
        double tol = dt == DataType.DOUBLE ? 1e-10 : 1e-4;

        INDArray spikesJava = java.feedForward(x, mask, null).get(1);
        assertTrue(spikesJava.sumNumber().doubleValue() > 0, "the first layer spikes");
        assertEquals(spikesJava, nd4j.feedForward(x, mask, null).get(1));
        assertTrue(java.output(x, false, mask, null).equalsWithEps(nd4j.output(x, false, mask, null), tol));

        Map<String, INDArray> gJava = NetworkGradients.of(java, ds);
        Map<String, INDArray> gNd4j = NetworkGradients.of(nd4j, ds);
        assertEquals(java.score(), nd4j.score(), tol);
        assertEquals(gJava.keySet(), gNd4j.keySet());
        for (String key : gJava.keySet()) {
            INDArray a = gJava.get(key);
            INDArray b = gNd4j.get(key);
            assertTrue(a.equalsWithEps(b, tol * Math.max(1, a.amaxNumber().doubleValue())), key + "\njava " + a + "\nnd4j " + b);
        }
        assertTrue(gJava.get("0_W").norm2Number().doubleValue() > 0);
        INDArray dxJava = withKernel(KernelChoice.JAVA, () -> new InputGradientCheck.Net(NetworkGradients.noWorkspaces(java))
                .initFrom(java).inputGradient(x, ds.getLabels(), mask));
        INDArray dxNd4j = withKernel(KernelChoice.ND4J, () -> new InputGradientCheck.Net(NetworkGradients.noWorkspaces(nd4j))
                .initFrom(nd4j).inputGradient(x, ds.getLabels(), mask));
        assertTrue(dxJava.norm2Number().doubleValue() > 0);
        assertTrue(dxJava.equalsWithEps(dxNd4j, tol), "input gradient");

        for (int i = 0; i < 3; i++) {
            java.fit(ds);
            nd4j.fit(ds);
        }
        assertTrue(java.params().equalsWithEps(nd4j.params(), dt == DataType.DOUBLE ? 1e-9 : 1e-3), "after training");
    }

    /** Runs {@code work} with -Dsnnspark.kernel set, so layers that create their kernel meanwhile pick it. */
    private static <T> T withKernel(KernelChoice choice, Supplier<T> work) {
        return SystemProperties.with(KernelChoice.PROPERTY, choice.name().toLowerCase(), work);
    }
}
