package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.engine.InputProjection;
import org.snnspark.models.engine.ParamLayout;
import org.snnspark.models.engine.SynapticDelays;

import java.util.Map;

/**
 * Parameters of a {@link LeakyReadout}, in flat order: W [nIn, nOut], bias [nOut] (optional),
 * alpha = a [nOut], then the batch-norm parameters (optional).
 */
public final class ReadoutParamInitializer extends LayoutParamInitializer {
    public static final String W = InputProjection.W;
    public static final String BIAS = InputProjection.BIAS;
    public static final String ALPHA = "alpha";

    private static final ReadoutParamInitializer INSTANCE = new ReadoutParamInitializer();

    public static ReadoutParamInitializer getInstance() {
        return INSTANCE;
    }

    private ReadoutParamInitializer() {
    }

    @Override
    ParamLayout layout(Layer layer) {
        LeakyReadout c = (LeakyReadout) layer;
        ParamLayout l = new ParamLayout();
        InputProjection.addInputParams(l, c.getNIn(), c.getNOut(), c.isHasBias());
        SynapticDelays.addParams(l, c.getNIn(), c.getNOut(), c.getDelays().getMaxDelay());
        l.add(ALPHA, ParamLayout.Role.OTHER, 'c', c.getNOut());
        InputProjection.addNormParams(l, c.getNOut(), c.isBatchNorm());
        return l;
    }

    @Override
    void initialize(Layer layer, Map<String, INDArray> p) {
        LeakyReadout c = (LeakyReadout) layer;
        initializeInputSide(c, p);
        if (c.getDelays().on()) {
            SynapticDelays.initialize(p, c.getDelays().getMaxDelay(), c.getDelays().schedule().sigmaAt(0));
        }
        c.alphaParam().initialize(p.get(ALPHA));
    }
}
