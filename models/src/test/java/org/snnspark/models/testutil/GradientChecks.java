package org.snnspark.models.testutil;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.engine.ReadoutReduction;
import org.snnspark.models.engine.SynapticDelays;
import org.snnspark.models.dl4j.LeakyReadout;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The setting of every numerical gradient check here: double precision, NoOp updater (DL4J's
 * checker applies the updater, which then only divides by the minibatch), no dropout, smooth
 * spike functions chosen by the caller, 3 input channels and 3 classes.
 */
public final class GradientChecks {
    public static final int CHANNELS = 3;
    public static final int CLASSES = 3;

    private GradientChecks() {
    }

    /** Spiking layers, then a leaky readout with bias and the given reduction, then softmax + MCXENT. */
    public static MultiLayerNetwork net(List<? extends Layer> spiking, ReadoutReduction reduction, boolean readoutBatchNorm) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(42).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.UNIFORM)
                .list();
        int i = 0;
        for (Layer l : spiking) {
            list.layer(i++, l);
        }
        list.layer(i++, new LeakyReadout.Builder().nOut(CLASSES).reduction(reduction).batchNorm(readoutBatchNorm)
                .hasBias(true).build());
        list.layer(i, NetworkBuilder.softmaxLoss(CLASSES));
        MultiLayerConfiguration conf = list.setInputType(InputType.recurrent(CHANNELS)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * DL4J's parameter check; batch-norm running statistics and the delays' sigma are not trained
     * and are left out.
     */
    public static boolean check(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        Set<String> statistics = new HashSet<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            statistics.add(i + "_bnMean");
            statistics.add(i + "_bnVar");
            // the delays' sigma is set by its schedule: by design it has no gradient
            statistics.add(i + "_" + SynapticDelays.SIGMA);
        }
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .inputMask(mask).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false)
                .excludeParams(statistics));
    }

    /** Parameters and input gradient. */
    public static boolean checkAll(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        return check(net, x, y, mask) && InputGradientCheck.check(net, x, y, mask);
    }
}
