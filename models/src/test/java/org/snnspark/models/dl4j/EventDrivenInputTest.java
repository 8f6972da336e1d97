package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.engine.InputEvents;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.DoublePrecision;
import org.snnspark.models.testutil.Sequences;
import org.snnspark.models.testutil.SystemProperties;
import org.snnspark.models.testutil.GradientChecks;
import org.snnspark.models.testutil.InputGradientCheck;
import org.snnspark.models.testutil.NetworkGradients;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.neuron.lif.LifLayer;

/**
 * Layers whose input is spikes compute x W and dW over the non-zero inputs only
 * (-Dsnnspark.kernel.eventInput, default auto): the same network with that forced on and off gives
 * the same outputs, score, gradients and input gradient, through batch-norm, bias, masks and a
 * stack (the second layer's input is the first one's spikes), with and without synaptic delays;
 * and its gradients pass the numerical check.
 */
@ExtendWith(DoublePrecision.class)
class EventDrivenInputTest {
    @ParameterizedTest
    @CsvSource({"DOUBLE, true, 0", "DOUBLE, false, 0", "FLOAT, true, 0", "DOUBLE, true, 3", "FLOAT, false, 4"})
    void eventDrivenAndGemmAgree(DataType dt, boolean batchNorm, int maxDelay) {
        INDArray x = Sequences.spikes(dt, 11, 5, 40, 12, 0.08);
        INDArray mask = Sequences.endPaddingMask(dt, 12, 12, 9, 12, 5, 11);
        mask.putScalar(2, 3, 0.0);
        DataSet ds = new DataSet(x, Sequences.oneHot(dt, 5, 3), mask, null);
        ModelSpec spec = new ModelSpec().withNeuron(LifModel.RADLIF).withHidden(9, 6).withBatchNorm(batchNorm)
                // a surrogate that is nowhere zero: gradients reach W without batch-norm's help too
                .withSurrogate(SurrogateKind.SMOOTH_SIGMOID).withDelays(maxDelay, 2);
        MultiLayerConfiguration conf = NetworkBuilder.build(spec, 40, 3, 5, new Adam(1e-2), dt);
        MultiLayerNetwork events = new MultiLayerNetwork(conf.clone());
        events.init();
        MultiLayerNetwork gemm = new MultiLayerNetwork(conf.clone());
        gemm.init(events.params().dup(), true);
        double tol = dt == DataType.DOUBLE ? 1e-10 : 1e-4;

        INDArray outEvents = with("on", () -> events.output(x, false, mask, null));
        INDArray outGemm = with("off", () -> gemm.output(x, false, mask, null));
        assertTrue(outEvents.equalsWithEps(outGemm, tol), "outputs\n" + outEvents + "\n" + outGemm);

        Map<String, INDArray> gEvents = with("on", () -> NetworkGradients.of(events, ds));
        Map<String, INDArray> gGemm = with("off", () -> NetworkGradients.of(gemm, ds));
        assertEquals(gemm.score(), events.score(), tol);
        assertEquals(gGemm.keySet(), gEvents.keySet());
        for (String key : gGemm.keySet()) {
            INDArray a = gEvents.get(key);
            INDArray b = gGemm.get(key);
            assertTrue(a.equalsWithEps(b, tol * Math.max(1, b.amaxNumber().doubleValue())), key + "\nevents " + a + "\ngemm " + b);
        }
        assertTrue(gGemm.get("0_W").norm2Number().doubleValue() > 0, "the first layer's W gets a gradient");
        assertTrue(gGemm.get("1_W").norm2Number().doubleValue() > 0, "the second layer gets spikes and a gradient");
        INDArray dxEvents = with("on", () -> new InputGradientCheck.Net(NetworkGradients.noWorkspaces(events))
                .initFrom(events).inputGradient(x, ds.getLabels(), mask));
        INDArray dxGemm = with("off", () -> new InputGradientCheck.Net(NetworkGradients.noWorkspaces(gemm))
                .initFrom(gemm).inputGradient(x, ds.getLabels(), mask));
        assertTrue(dxGemm.norm2Number().doubleValue() > 0);
        assertTrue(dxEvents.equalsWithEps(dxGemm, tol), "input gradient");

        for (int i = 0; i < 3; i++) {
            with("on", () -> {
                events.fit(ds);
                return null;
            });
            with("off", () -> {
                gemm.fit(ds);
                return null;
            });
        }
        assertTrue(events.params().equalsWithEps(gemm.params(), dt == DataType.DOUBLE ? 1e-9 : 1e-3), "after training");
    }

    /** The numerical check of a stack fed spike counts, with the event-driven path forced on. */
    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void gradientsOfTheEventDrivenPathPassTheNumericalCheck(int maxDelay) {
        List<LifLayer> layers = List.of(
                new LifLayer.Builder().neuronType(LifModel.RADLIF).nOut(4).batchNorm(true)
                        .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).hasBias(true).delays(maxDelay, 2).build(),
                new LifLayer.Builder().neuronType(LifModel.ADLIF).nOut(3).batchNorm(false)
                        .surrogate(SurrogateKind.SMOOTH_SIGMOID, 4.0).hasBias(false).delays(maxDelay, 2).build());
        MultiLayerNetwork net = GradientChecks.net(layers, ReadoutReduction.SUM_SOFTMAX, true);
        INDArray x = Sequences.spikes(DataType.DOUBLE, 3, 4, GradientChecks.CHANNELS, 8, 0.3);
        INDArray mask = Sequences.endPaddingMask(DataType.DOUBLE, 8, 8, 6, 7, 8);
        INDArray y = Sequences.oneHot(DataType.DOUBLE, 4, GradientChecks.CLASSES);
        assertTrue(x.sumNumber().doubleValue() > 0);
        assertTrue(with("on", () -> GradientChecks.check(net, x, y, mask)), "gradients");
        assertTrue(with("on", () -> InputGradientCheck.check(net, x, y, mask)), "input gradient");
    }

    private static <T> T with(String setting, Supplier<T> work) {
        return SystemProperties.with(InputEvents.PROPERTY, setting, work);
    }


}
