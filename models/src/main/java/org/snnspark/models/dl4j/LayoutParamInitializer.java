package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.engine.InputProjection;
import org.snnspark.models.engine.ParamLayout;
import org.snnspark.models.engine.TimeMajor;

import java.util.List;
import java.util.Map;

/**
 * A DL4J {@link ParamInitializer} driven by one {@link ParamLayout}: counting, naming and slicing
 * all come from the same ordered list, so the param table can never disagree with the flat
 * vector's layout. Subclasses give the layout and the initial values.
 */
abstract class LayoutParamInitializer implements ParamInitializer {

    /** The parameters of a configuration, in flat-vector order. */
    abstract ParamLayout layout(Layer layer);

    /** Writes initial values into freshly sliced parameter views. */
    abstract void initialize(Layer layer, Map<String, INDArray> params);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return layout(layer).numParams();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return layout(layer).keys();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return layout(layer).keys(ParamLayout.Role.WEIGHT);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return layout(layer).keys(ParamLayout.Role.BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return layout(layer).has(key, ParamLayout.Role.WEIGHT);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return layout(layer).has(key, ParamLayout.Role.BIAS);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Layer layer = conf.getLayer();
        Map<String, INDArray> params = layout(layer).views(paramsView);
        if (initializeParams) {
            initialize(layer, params);
        }
        for (String key : params.keySet()) {
            conf.addVariable(key);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return layout(conf.getLayer()).views(gradientView);
    }

    /** W with the configuration's weight init (fan-in nIn, fan-out nOut), bias and BN defaults. */
    static void initializeInputSide(FeedForwardLayer layer, Map<String, INDArray> params) {
        INDArray w = params.get(InputProjection.W);
        layer.getWeightInitFn().init(layer.getNIn(), layer.getNOut(), w.shape(), 'f', w);
        InputProjection.initialize(params);
    }

    /**
     * A random orthogonal matrix (as {@code torch.nn.init.orthogonal_}: Q of the QR decomposition of
     * a Gaussian matrix, signs fixed so R has a positive diagonal — which is what Gram-Schmidt gives),
     * optionally with its diagonal then set to zero, the self-connection sparch removes.
     */
    static void orthogonal(INDArray squareC, boolean zeroDiagonal) {
        int n = Math.toIntExact(squareC.size(0));
        double[] g = new double[n * n];
        TimeMajor.read(Nd4j.randn(squareC.dataType(), n, n), g);
        // modified Gram-Schmidt on the columns of g (row-major, column k at g[i * n + k])
        for (int k = 0; k < n; k++) {
            for (int p = 0; p < k; p++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += g[i * n + p] * g[i * n + k];
                }
                for (int i = 0; i < n; i++) {
                    g[i * n + k] -= dot * g[i * n + p];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += g[i * n + k] * g[i * n + k];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                g[i * n + k] /= norm;
            }
        }
        if (zeroDiagonal) {
            for (int i = 0; i < n; i++) {
                g[i * n + i] = 0.0;
            }
        }
        TimeMajor.write(g, squareC);
    }
}
