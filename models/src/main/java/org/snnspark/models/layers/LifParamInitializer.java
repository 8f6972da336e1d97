package org.snnspark.models.layers;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.kernel.InputProjection;
import org.snnspark.models.kernel.ParamLayout;

import java.util.Map;

/**
 * Parameters of a {@link LifLayer}, in flat order: W [nIn, nOut], bias [nOut] (optional),
 * V [nOut, nOut] (recurrent; row i = targets of neuron i), alpha = a [nOut], then for adaptive
 * models beta = b, A and B [nOut], then the batch-norm parameters (optional).
 */
public final class LifParamInitializer extends LayoutParamInitializer {
    public static final String W = InputProjection.W;
    public static final String BIAS = InputProjection.BIAS;
    public static final String V = "V";
    public static final String ALPHA = "alpha";
    public static final String BETA = "beta";
    public static final String A = "A";
    public static final String B = "B";

    private static final LifParamInitializer INSTANCE = new LifParamInitializer();

    public static LifParamInitializer getInstance() {
        return INSTANCE;
    }

    private LifParamInitializer() {
    }

    @Override
    ParamLayout layout(Layer layer) {
        LifLayer c = (LifLayer) layer;
        long nIn = c.getNIn(), n = c.getNOut();
        ParamLayout l = new ParamLayout();
        InputProjection.addInputParams(l, nIn, n, c.isHasBias());
        if (c.isRecurrent()) {
            l.add(V, ParamLayout.Role.WEIGHT, 'c', n, n);
        }
        l.add(ALPHA, ParamLayout.Role.OTHER, 'c', n);
        if (c.isAdaptive()) {
            l.add(BETA, ParamLayout.Role.OTHER, 'c', n);
            l.add(A, ParamLayout.Role.OTHER, 'c', n);
            l.add(B, ParamLayout.Role.OTHER, 'c', n);
        }
        InputProjection.addNormParams(l, n, c.isBatchNorm());
        return l;
    }

    @Override
    void initialize(Layer layer, Map<String, INDArray> p) {
        LifLayer c = (LifLayer) layer;
        initializeInputSide(c, p);
        if (c.isRecurrent()) {
            orthogonalZeroDiagonal(p.get(V));
        }
        uniform(p.get(ALPHA), c.getAlphaMin(), c.getAlphaMax());
        if (c.isAdaptive()) {
            uniform(p.get(BETA), c.getBetaMin(), c.getBetaMax());
            uniform(p.get(A), c.getAdaptAMin(), c.getAdaptAMax());
            uniform(p.get(B), c.getAdaptBMin(), c.getAdaptBMax());
        }
    }
}
