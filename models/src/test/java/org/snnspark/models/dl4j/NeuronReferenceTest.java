package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.surrogate.Slayer;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.testutil.DoublePrecision;
import org.snnspark.models.testutil.InputGradientCheck;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.snnspark.models.neuron.alif.AlifLayer;
import org.snnspark.models.neuron.cuba.CubaLifLayer;
import org.snnspark.models.neuron.leaky.LeakyLayer;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.neuron.seadlif.SeAdlifLayer;

/**
 * The real thing — Heaviside spikes, each model's reference surrogate, detached resets where the
 * reference detaches them, masks — against numbers PyTorch autograd computed independently from
 * the reference implementations' code ({@code reference/neuron_reference.py}, output committed
 * beside it): spikes, readout output, loss, and the gradients of every parameter and of the input,
 * for every neuron model (SE-adLIF's from the sibling script {@code reference/se_adlif_reference.py}). The boxcar's zero regions exercise the event-driven skips of the
 * backward pass.
 */
@ExtendWith(DoublePrecision.class)
class NeuronReferenceTest {
    private static final double TOL = 1e-9;
    private static final List<JsonNode> cases = new ArrayList<>();

    /** neuron_reference.json, and se_adlif_reference.json of its sibling script. */
    @BeforeAll
    static void load() throws IOException {
        for (String file : new String[]{"neuron_reference.json", "se_adlif_reference.json"}) {
            cases("/reference/" + file).forEach(cases::add);
        }
    }

    /** The cases of a reference JSON on the test class path. */
    static JsonNode cases(String resource) throws IOException {
        try (InputStream in = NeuronReferenceTest.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    private static JsonNode find(String name) {
        return find(cases, name);
    }

    /** The case named {@code name}. */
    static JsonNode find(Iterable<JsonNode> cases, String name) {
        for (JsonNode c : cases) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no reference case " + name);
    }

    static INDArray array(JsonNode values, long... shape) {
        double[] d = new double[values.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = values.get(i).asDouble();
        }
        return Nd4j.create(d, shape, 'c');
    }

    /** The layer the reference case describes, with the model's defaults for everything else. */
    private static BaseSpikingLayer layer(JsonNode c, int n) {
        boolean recurrent = c.get("recurrent").asBoolean();
        JsonNode cfg = c.get("config");
        switch (c.get("model").asText()) {
            case "LIF":
                return new LifLayer.Builder().nOut(n).recurrent(recurrent).adaptive(c.get("adaptive").asBoolean())
                        .surrogate(SurrogateKind.BOXCAR).build();
            case "CUBA":
                return new CubaLifLayer.Builder().nOut(n).recurrent(recurrent).tauSyn(cfg.get("tauSyn").asDouble())
                        .tauMem(cfg.get("tauMem").asDouble()).dt(cfg.get("dt").asDouble()).build();
            case "ALIF":
                return new AlifLayer.Builder().nOut(n).recurrent(recurrent).dt(cfg.get("dt").asDouble())
                        .threshold(cfg.get("b0").asDouble()).betaA(cfg.get("betaA").asDouble()).build();
            case "LEAKY": {
                LeakyLayer.Builder b = new LeakyLayer.Builder().nOut(n).recurrent(recurrent)
                        .learnBeta(cfg.get("learnBeta").asBoolean());
                if (cfg.has("beta")) {
                    b.beta(cfg.get("beta").asDouble());
                }
                return b.build();
            }
            case "SE_ADLIF":
                assertEquals(Slayer.C, cfg.get("c").asDouble(), 0.0, "SLAYER's c");
                return new SeAdlifLayer.Builder().nOut(n).recurrent(recurrent).dt(cfg.get("dt").asDouble())
                        .tauURange(cfg.get("tauURange").get(0).asDouble(), cfg.get("tauURange").get(1).asDouble())
                        .tauWRange(cfg.get("tauWRange").get(0).asDouble(), cfg.get("tauWRange").get(1).asDouble())
                        .q(cfg.get("q").asDouble()).threshold(cfg.get("threshold").asDouble())
                        .surrogate(SurrogateKind.SLAYER, cfg.get("alpha").asDouble()).build();
            default:
                throw new IllegalArgumentException("unknown model in reference case: " + c.get("model"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIF", "RLIF", "ADLIF", "RADLIF", "CUBA_LIF", "RCUBA_LIF", "ALIF", "LEAKY", "RLEAKY",
            "SPIKE_COUNT", "SE_ADLIF", "RSE_ADLIF", "RSE_ADLIF_SHORT"})
    void matchesPyTorchAutograd(String name) {
        JsonNode c = find(name);
        JsonNode s = c.get("shape");
        int nIn = s.get("nIn").asInt(), n = s.get("hidden").asInt(), nOut = s.get("nOut").asInt();
        BaseSpikingLayer layer = layer(c, n);
        ReadoutReduction reduction = ReadoutReduction.valueOf(c.get("reduction").asText());
        boolean spikeCount = reduction == ReadoutReduction.SPIKE_COUNT;
        if (!spikeCount) {
            // a case is named for its neuron type, with a suffix where a type has several
            assertTrue(name.startsWith(layer.neuronType().name()), name + " is a " + layer.neuronType());
        }

        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new NoOp()).list()
                .layer(layer);
        if (spikeCount) {
            // snnTorch's recipe: a Leaky output layer, its spike counts scored by mse_count_loss
            list.layer(new LeakyLayer.Builder().nOut(nOut).beta(c.get("config").get("beta").asDouble()).build())
                    .layer(new SpikeCountOutput.Builder().rates(c.get("countRates").get(0).asDouble(),
                            c.get("countRates").get(1).asDouble()).build());
        } else {
            list.layer(new LeakyReadout.Builder().nOut(nOut).reduction(reduction).build())
                    .layer(NetworkBuilder.softmaxLoss(nOut));
        }
        MultiLayerConfiguration conf = list.setInputType(InputType.recurrent(nIn)).build();
        assertMatches(c, conf, net -> { });
    }

    /**
     * Builds the network of {@code conf} with the case's parameters ({@code adjust} then sets what
     * the case names otherwise) and compares spikes, output, firing rate, loss and every gradient.
     */
    static void assertMatches(JsonNode c, MultiLayerConfiguration conf, Consumer<MultiLayerNetwork> adjust) {
        String name = c.get("name").asText();
        JsonNode s = c.get("shape");
        int mb = s.get("batch").asInt(), nIn = s.get("nIn").asInt(), n = s.get("hidden").asInt();
        int nOut = s.get("nOut").asInt(), steps = s.get("steps").asInt();
        boolean spikeCount = ReadoutReduction.valueOf(c.get("reduction").asText()) == ReadoutReduction.SPIKE_COUNT;
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        setParams(net, 0, c.get("layer"), n);
        setParams(net, 1, c.get(spikeCount ? "out_layer" : "readout"), nOut);
        adjust.accept(net);

        INDArray x = array(c.get("x"), mb, nIn, steps);
        INDArray mask = array(c.get("mask"), mb, steps);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, mb, nOut);
        for (int b = 0; b < mb; b++) {
            labels.putScalar(b, c.get("labels").get(b).asInt(), 1.0);
        }

        List<INDArray> acts = net.feedForward(x, mask, null);
        assertEquals(array(c.get("spikes"), mb, n, steps), acts.get(1), name + " spikes");
        if (spikeCount) {
            assertEquals(array(c.get("out_spikes"), mb, nOut, steps), acts.get(2), name + " output spikes");
        }
        // the readout output, or the spike counts (the loss layer would add a softmax)
        assertTrue(acts.get(spikeCount ? 3 : 2).equalsWithEps(array(c.get("output"), mb, nOut), TOL), name + " output");
        double rate = ((SpikingLayer) net.getLayer(0)).lastFiringRate();
        double validSteps = mask.sumNumber().doubleValue();
        assertEquals(c.get("spike_count").asDouble() / (validSteps * n), rate, 1e-12, name + " firing rate");

        net.setInput(x);
        net.setLabels(labels);
        net.setLayerMaskArrays(mask, null);
        net.computeGradientAndScore();
        assertEquals(c.get("loss").asDouble(), net.score(), TOL, name + " loss");
        // DL4J's backprop gives gradients of the summed loss (the updater divides by the batch size)
        compareGradients(net, 0, c.get("layer_grad"), mb, name);
        compareGradients(net, 1, c.get(spikeCount ? "out_layer_grad" : "readout_grad"), mb, name);

        INDArray dx = new InputGradientCheck.Net(withoutWorkspaces(conf)).initFrom(net).inputGradient(x, labels, mask);
        assertTrue(dx.div(mb).equalsWithEps(array(c.get("grad_x"), mb, nIn, steps), TOL), name + " input gradient");
    }

    static MultiLayerConfiguration withoutWorkspaces(MultiLayerConfiguration conf) {
        MultiLayerConfiguration copy = conf.clone();
        copy.setTrainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        return copy;
    }

    static void setParams(MultiLayerNetwork net, int layer, JsonNode params, int n) {
        Iterator<Map.Entry<String, JsonNode>> it = params.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            INDArray target = net.getLayer(layer).getParam(e.getKey());
            target.assign(array(e.getValue(), target.shape()));
        }
    }

    static void compareGradients(MultiLayerNetwork net, int layer, JsonNode grads, int mb, String name) {
        Iterator<Map.Entry<String, JsonNode>> it = grads.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            INDArray ours = net.gradient().getGradientFor(layer + "_" + e.getKey()).div(mb);
            // (V's diagonal: sparch overwrites it with zeros on a copy, so torch's gradient there is 0 like ours)
            INDArray theirs = array(e.getValue(), ours.shape());
            assertTrue(ours.equalsWithEps(theirs, TOL), name + " gradient of " + layer + "_" + e.getKey()
                    + "\nours   " + ours + "\ntheirs " + theirs);
        }
    }
}
