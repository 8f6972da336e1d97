package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.engine.Buffers;
import org.snnspark.models.engine.InputProjection;
import org.snnspark.models.engine.MembraneTrace;
import org.snnspark.models.engine.ReadoutKernel;
import org.snnspark.models.engine.StepMask;
import org.snnspark.models.engine.TimeMajor;

import java.util.Map;

/**
 * DL4J implementation of {@link LeakyReadout}: input GEMM ({@link InputProjection}), integrator and
 * reduction in Java ({@link ReadoutKernel}), hand-written backward. Consumes the features mask and
 * passes none on (its output has no time axis).
 */
public class LeakyReadoutImpl extends BaseLayer<LeakyReadout> {
    private static final long serialVersionUID = 1L;

    private transient InputProjection projection;
    private transient ReadoutKernel kernel;
    private transient INDArray cachedInput;
    private transient double[] drive;
    private transient double[] rawAlpha;
    private transient int mb;
    private transient int lastSteps;

    public LeakyReadoutImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public boolean hasBias() {
        return layerConf().isHasBias();
    }

    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return !InputProjection.isRunningStatistic(paramName);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        // the time axis ends here: nothing downstream has one to mask
        return null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        assertInputSet(false);
        compute(training, ws, ArrayType.FF_WORKING_MEM);
        INDArray out = ws.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{mb, layerConf().getNOut()}, 'c');
        TimeMajor.write(kernel.output(), out);
        return out;
    }

    private void compute(boolean training, LayerWorkspaceMgr ws, ArrayType work) {
        LeakyReadout c = layerConf();
        int n = (int) c.getNOut();
        if (kernel == null) {
            projection = new InputProjection(c.getNIn(), c.getNOut(), c.isHasBias(), c.isBatchNorm(), c.getDelays().getMaxDelay());
            kernel = new ReadoutKernel(n, c.getReduction());
        }
        applyDropOutIfNecessary(training, ws);
        if (input.rank() != 3) {
            throw new IllegalStateException("LeakyReadout " + layerId()
                    + " expects 3d input [minibatch, channels, time], got " + java.util.Arrays.toString(input.shape()));
        }
        mb = Math.toIntExact(input.size(0));
        int steps = Math.toIntExact(input.size(2));
        boolean[] valid = StepMask.validRows(maskArray, mb, steps);
        drive = projection.forward(input, getParamWithNoise(ReadoutParamInitializer.W, training, ws), params, valid,
                training, ws, work);
        rawAlpha = Buffers.ensure(rawAlpha, n);
        TimeMajor.read(params.get(ReadoutParamInitializer.ALPHA), rawAlpha);
        kernel.setParameters(c.alphaParam().effective(rawAlpha, n));
        kernel.forward(drive, mb, steps, valid);
        lastSteps = steps;
        cachedInput = training ? input : null;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        if (cachedInput == null || cachedInput != input) {
            compute(true, ws, ArrayType.BP_WORKING_MEM);
        }
        LeakyReadout c = layerConf();
        int n = (int) c.getNOut();
        gradientsFlattened.assign(0);
        double[] gy = new double[mb * n];
        TimeMajor.read(epsilon.dup('c'), gy);
        double[] dAlpha = new double[n];
        // the drive is not needed after this, so its array receives dL/d(drive)
        kernel.backward(gy, drive, dAlpha);
        c.alphaParam().toRawGradient(rawAlpha, dAlpha);
        TimeMajor.write(dAlpha, gradientViews.get(ReadoutParamInitializer.ALPHA));
        INDArray epsOut = projection.backward(drive, input,
                getParamWithNoise(ReadoutParamInitializer.W, true, ws), gradientViews, true, ws);

        Gradient g = new DefaultGradient(gradientsFlattened);
        for (Map.Entry<String, INDArray> e : gradientViews.entrySet()) {
            g.gradientForVariable().put(e.getKey(), e.getValue());
        }
        weightNoiseParams.clear();
        cachedInput = null;
        return new Pair<>(g, backpropDropOutIfPresent(epsOut));
    }

    /**
     * The readout's membrane trace u_t of one sample in the last forward pass, [class][step] (what
     * the time reduction turns into the output); null before any pass.
     */
    public double[][] lastMembrane(int sample) {
        if (kernel == null || lastSteps == 0) {
            return null;
        }
        return MembraneTrace.of(kernel.membrane(), mb, lastSteps, kernel.neurons(), sample);
    }
}
