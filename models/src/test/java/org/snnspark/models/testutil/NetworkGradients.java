package org.snnspark.models.testutil;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Map;
import java.util.TreeMap;

/** What the tests comparing two ways of computing one network read off it. */
public final class NetworkGradients {
    private NetworkGradients() {
    }

    /** Copies of every parameter's gradient after one computeGradientAndScore. */
    public static Map<String, INDArray> of(MultiLayerNetwork net, DataSet ds) {
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.setLayerMaskArrays(ds.getFeaturesMaskArray(), null);
        net.computeGradientAndScore();
        Map<String, INDArray> out = new TreeMap<>();
        for (Map.Entry<String, INDArray> e : net.gradient().gradientForVariable().entrySet()) {
            out.put(e.getKey(), e.getValue().dup());
        }
        return out;
    }

    /** The network's configuration without workspaces, for {@link InputGradientCheck.Net}. */
    public static MultiLayerConfiguration noWorkspaces(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        return conf;
    }
}
