package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.engine.InputProjection;
import org.snnspark.models.engine.ParamLayout;
import org.snnspark.models.engine.SynapticDelays;

import java.util.Map;

/**
 * Parameters of a {@link BaseSpikingLayer}, in flat order: W [nIn, nOut], bias [nOut] (optional),
 * V [nOut, nOut] (recurrent; row i = targets of neuron i), the model's per-neuron parameters
 * [nOut] each ({@link BaseSpikingLayer#neuronParams()}), then the batch-norm parameters (optional).
 * With synaptic delays, their positions P [nIn, nOut] and sigma [1] follow W and the bias.
 * For the LIF family that is W, bias, V, alpha, beta, A, B, BN, as before the other models existed,
 * so saved LIF-family models and their initialisation from a seed are unchanged.
 */
public final class SpikingParamInitializer extends LayoutParamInitializer {
    public static final String W = InputProjection.W;
    public static final String BIAS = InputProjection.BIAS;
    public static final String V = "V";

    private static final SpikingParamInitializer INSTANCE = new SpikingParamInitializer();

    public static SpikingParamInitializer getInstance() {
        return INSTANCE;
    }

    private SpikingParamInitializer() {
    }

    @Override
    ParamLayout layout(Layer layer) {
        BaseSpikingLayer c = (BaseSpikingLayer) layer;
        long nIn = c.getNIn(), n = c.getNOut();
        ParamLayout l = new ParamLayout();
        InputProjection.addInputParams(l, nIn, n, c.isHasBias());
        SynapticDelays.addParams(l, nIn, n, c.getDelays().getMaxDelay());
        if (c.isRecurrent()) {
            l.add(V, ParamLayout.Role.WEIGHT, 'c', n, n);
        }
        for (NeuronParam p : c.neuronParams()) {
            l.add(p.key(), ParamLayout.Role.OTHER, 'c', n);
        }
        InputProjection.addNormParams(l, n, c.isBatchNorm());
        return l;
    }

    @Override
    void initialize(Layer layer, Map<String, INDArray> p) {
        BaseSpikingLayer c = (BaseSpikingLayer) layer;
        initializeInputSide(c, p);
        if (c.getDelays().on()) {
            SynapticDelays.initialize(p, c.getDelays().getMaxDelay(), c.getDelays().schedule().sigmaAt(0));
        }
        if (c.isRecurrent()) {
            INDArray v = p.get(V);
            switch (c.recurrentInit()) {
                case ORTHOGONAL_ZERO_DIAGONAL:
                    orthogonal(v, true);
                    break;
                case ORTHOGONAL:
                    orthogonal(v, false);
                    break;
                case WEIGHT_INIT:
                    c.getWeightInitFn().init(c.getNOut(), c.getNOut(), v.shape(), 'c', v);
                    break;
                default:
                    throw new IllegalStateException("unknown recurrent init " + c.recurrentInit());
            }
        }
        for (NeuronParam np : c.neuronParams()) {
            np.initialize(p.get(np.key()));
        }
    }
}
