package org.snnspark.models.testutil;

import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.snnspark.models.spec.NetworkBuilder;

import java.util.List;

/**
 * Central-difference check of a network's input gradient (DL4J's GradientCheckUtil only checks
 * parameters): dScore/dx of every input element against what backprop hands below the first layer.
 * <p>
 * Not via {@code MultiLayerNetwork.calculateGradients}: at 1.0.0-M2 it passes the features mask
 * on as the labels mask ({@code ffToLayerActivationsInWs(..., input, mask, fMask)}), which a
 * LossLayer after a sequence reduction rejects. {@link Net} does the same steps with the masks
 * in their places.
 */
public final class InputGradientCheck {
    private InputGradientCheck() {
    }

    public static boolean check(MultiLayerNetwork trained, INDArray x, INDArray y, INDArray mask) {
        MultiLayerConfiguration conf = trained.getLayerWiseConfigurations().clone();
        // calcBackpropGradients insists on its own workspaces unless training workspaces are off
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        Net net = new Net(conf).initFrom(trained);
        INDArray xc = x.dup('c');
        // DL4J's backprop yields gradients of the summed loss; the score is its minibatch mean
        INDArray analytic = net.inputGradient(xc, y, mask).dup('c').divi(x.size(0));
        double eps = 1e-6;
        boolean ok = true;
        for (long i = 0; i < xc.length(); i++) {
            double v = xc.getDouble(i);
            xc.putScalar(i, v + eps);
            double plus = net.score(new DataSet(xc, y, mask, null), true);
            xc.putScalar(i, v - eps);
            double minus = net.score(new DataSet(xc, y, mask, null), true);
            xc.putScalar(i, v);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.getDouble(i);
            double absErr = Math.abs(a - numeric);
            double relErr = absErr / Math.max(1e-12, Math.abs(a) + Math.abs(numeric));
            if (relErr > 1e-5 && absErr > 1e-9) {
                System.err.printf("input gradient %d: analytic %.10g numeric %.10g rel %.3g%n", i, a, numeric, relErr);
                ok = false;
            }
        }
        return ok;
    }

    /** calculateGradients with the features mask passed as the features mask. */
    public static final class Net extends MultiLayerNetwork {
        public Net(MultiLayerConfiguration conf) {
            super(NetworkBuilder.withInputGradient(conf));
        }

        /** Initialises with a copy of another network's parameters. */
        public Net initFrom(MultiLayerNetwork other) {
            init(other.params().dup(), false);
            return this;
        }

        public INDArray inputGradient(INDArray x, INDArray y, INDArray mask) {
            setInput(x);
            setLabels(y);
            setLayerMaskArrays(mask, null);
            List<INDArray> acts = ffToLayerActivationsDetached(true, FwdPassType.STANDARD, false, layers.length - 2,
                    x, mask, null, false);
            getOutputLayer().setInput(acts.get(acts.size() - 1), LayerWorkspaceMgr.noWorkspaces());
            Pair<Gradient, INDArray> p = calcBackpropGradients(null, true, false, true);
            return p.getSecond();
        }
    }
}
