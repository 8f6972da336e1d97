package org.snnspark.models.dl4j;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.engine.Buffers;
import org.snnspark.models.engine.Directions;
import org.snnspark.models.engine.InputProjection;
import org.snnspark.models.engine.MembraneTrace;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.engine.Parallel;
import org.snnspark.models.engine.ParamValues;
import org.snnspark.models.engine.RateBand;
import org.snnspark.models.engine.SpikeDropout;
import org.snnspark.models.engine.StepMask;
import org.snnspark.models.engine.TimeMajor;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.snnspark.models.dl4j.SpikingParamInitializer.V;
import static org.snnspark.models.dl4j.SpikingParamInitializer.W;

/**
 * DL4J implementation of every {@link BaseSpikingLayer}: forward pass and hand-written BPTT side by
 * side, the neuron model's time loop delegated to its {@link NeuronKernel}.
 * <p>
 * Where the work goes: the input product of all steps is one GEMM ({@link InputProjection}); the
 * time loop runs in the kernel over time-major arrays; dW, dV and the input gradient are GEMMs
 * again. The state of a training forward pass is kept and reused by the backward pass that follows
 * (same input object), so BPTT does not run the loop twice. Outputs and input gradients are handed
 * out as NCW views of time-major arrays, so a stack of these layers never transposes.
 */
public class SpikingLayerImpl extends BaseRecurrentLayer<BaseSpikingLayer> implements SpikingLayer {
    private static final long serialVersionUID = 1L;

    private transient InputProjection projection;
    private transient NeuronKernel kernel;
    /** Activity regularisation, null when off. */
    private transient RateBand rateBand;
    private transient double ratePenalty;
    private transient List<NeuronParam> neuronParams;
    /** The (dropped-out) input of the training forward pass whose state the kernel holds. */
    private transient INDArray cachedInput;
    /** Spike dropout of the last training forward pass: which output elements were kept (null: none dropped). */
    private transient byte[] kept;
    private transient byte[] keptBuf;
    /** The multipliers of the mask's values 0 and 1. */
    private transient double[] keptFactors;
    private transient double[] outBuf;
    private transient double[] gOut;
    private transient double[] gDrive;
    /** Stored values of the per-neuron parameters of the last forward pass (their gradients need them). */
    private transient double[][] raw;
    private transient double[][] initialState;
    private transient double[] kernelDrive;
    private transient double[] kernelGradOut;
    private transient double[] kernelGradDrive;
    /** Per time-major row of the last forward pass: a real step (true) or padding; null = all real. */
    private transient boolean[] validRows;
    /** Samples of the minibatch, and sequences the kernel runs (2 mb when bidirectional). */
    private transient int mb;
    private transient int kernelBatch;
    private transient int steps;
    private double firingRate = Double.NaN;
    private double[] spikeCounts = new double[0];

    public SpikingLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return !InputProjection.isRunningStatistic(paramName);
    }

    @Override
    public double lastFiringRate() {
        return firingRate;
    }

    @Override
    public double[][] lastMembrane(int sample) {
        if (kernel == null || Double.isNaN(firingRate)) {
            return null;
        }
        if (sample < 0 || sample >= mb) {
            throw new IllegalArgumentException("sample " + sample + " outside the last minibatch of " + mb);
        }
        return MembraneTrace.of(kernel.state(kernel.membraneState()), kernelBatch, steps, kernel.neurons(), sample);
    }

    @Override
    public double[] lastSpikeCountsPerSample() {
        return spikeCounts.clone();
    }

    /** The kernel of the last forward pass (null before it), for tests and tools. */
    public NeuronKernel kernel() {
        return kernel;
    }

    /** Weight regularisation (DL4J's) plus the firing-rate band penalty of the last forward pass. */
    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return super.calcRegularizationScore(backpropParamsOnly) + ratePenalty;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr ws) {
        return activateFrom(null, training, ws, null);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr ws) {
        setInput(input.rank() == 2 ? input.reshape(input.size(0), input.size(1), 1) : input, ws);
        return activateFrom(stateMap, false, ws, stateMap);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr ws) {
        setInput(input, ws);
        return activateFrom(tBpttStateMap, training, ws, storeLastForTBPTT ? tBpttStateMap : null);
    }

    /** Forward pass from a stored state (null: the rest state), optionally storing the final state. */
    private INDArray activateFrom(Map<String, INDArray> from, boolean training, LayerWorkspaceMgr ws,
                                  Map<String, INDArray> storeTo) {
        assertInputSet(false);
        if (layerConf().getDelays().on() && (from != null || storeTo != null)) {
            throw new UnsupportedOperationException(layerConf().getClass().getSimpleName() + " " + layerId()
                    + " has synaptic delays: they read inputs of earlier calls, which a step-by-step run does not keep");
        }
        if (layerConf().isBidirectional() && (from != null || storeTo != null)) {
            throw new UnsupportedOperationException(layerConf().getClass().getSimpleName() + " " + layerId()
                    + " is bidirectional: its backward direction needs the whole sequence, so it cannot run step"
                    + " by step or carry state between calls");
        }
        loadInitialState(from);
        compute(training, ws, ArrayType.FF_WORKING_MEM);
        INDArray out = TimeMajor.allocateNcw(ws, ArrayType.ACTIVATIONS, dataType, mb, outputWidth(), steps);
        writeOutput(TimeMajor.matrix(out, ws, ArrayType.ACTIVATIONS));
        if (storeTo != null) {
            storeFinalState(storeTo);
        }
        return permuteIfNWC(out);
    }

    /** Runs projection and time loop on the current input; leaves the state in the kernel. */
    private void compute(boolean training, LayerWorkspaceMgr ws, ArrayType work) {
        BaseSpikingLayer c = layerConf();
        int n = (int) c.getNOut();
        if (kernel == null) {
            projection = new InputProjection(c.getNIn(), c.getNOut(), c.isHasBias(), c.isBatchNorm(), c.getDelays().getMaxDelay());
            kernel = c.createKernel(dataType);
            rateBand = c.getRateStrength() > 0 ? new RateBand(c.getRateLow(), c.getRateHigh(), c.getRateStrength()) : null;
            neuronParams = c.neuronParams();
            raw = new double[neuronParams.size()][n];
        }
        applyDropOutIfNecessary(training, ws);
        INDArray in = permuteIfNWC(input);
        if (in.rank() != 3) {
            throw new IllegalStateException(c.getClass().getSimpleName() + " " + layerId()
                    + " expects 3d input [minibatch, channels, time], got " + Arrays.toString(in.shape()));
        }
        mb = Math.toIntExact(in.size(0));
        steps = Math.toIntExact(in.size(2));
        boolean[] valid = StepMask.validRows(maskArray, mb, steps);
        validRows = valid;
        double[] drive = projection.forward(in, getParamWithNoise(W, training, ws), params, valid, training, ws, work);
        ParamValues effective = ParamValues.none();
        for (int i = 0; i < neuronParams.size(); i++) {
            NeuronParam p = neuronParams.get(i);
            TimeMajor.read(params.get(p.key()), raw[i]);
            effective.with(p.key(), p.effective(raw[i], n));
        }
        kernel.setParameters(effective, c.isRecurrent() ? recurrentWeights(n, training, ws) : null);
        kernel.setInitialState(initialState);
        boolean[] kernelValid;
        if (c.isBidirectional()) {
            kernelBatch = 2 * mb;
            kernelDrive = Directions.split(drive, n, 0, 0, n, mb, steps, kernelDrive);
            kernelValid = Directions.split(valid, mb, steps);
            kernel.forward(kernelDrive, kernelBatch, steps, kernelValid);
        } else {
            kernelBatch = mb;
            kernelValid = valid;
            kernel.forward(drive, mb, steps, valid);
        }
        countSpikes(valid, n);
        ratePenalty = rateBand != null ? rateBand.evaluate(kernel.spikes(), kernelValid, n, kernelBatch, mb, steps) : 0.0;
        kept = training && c.getSpikeDropout() > 0 ? dropoutMask(c.getSpikeDropout()) : null;
        cachedInput = training ? input : null;
    }

    /** V as a row-major Java array, its diagonal zeroed for models without self-connections. */
    private double[] recurrentWeights(int n, boolean training, LayerWorkspaceMgr ws) {
        double[] v = new double[n * n];
        TimeMajor.read(getParamWithNoise(V, training, ws), v);
        if (layerConf().zeroSelfConnections()) {
            for (int i = 0; i < n; i++) {
                v[i * n + i] = 0.0;
            }
        }
        return v;
    }

    /** Values per step and sample of the output: nOut, or 2 nOut when bidirectional (both directions). */
    private int outputWidth() {
        BaseSpikingLayer c = layerConf();
        return (int) (c.isBidirectional() ? 2 * c.getNOut() : c.getNOut());
    }

    /**
     * Inverted dropout per time-major output element (kept ones scaled by 1 / (1 - p)), from the
     * layer's own stream for this training step ({@link SpikeDropout}), so the mask does not depend
     * on which thread runs the minibatch; a recomputation in backprop draws the same mask.
     */
    private byte[] dropoutMask(double p) {
        long seed = SpikeDropout.streamSeed(conf.getSeed(), getIndex(), getIterationCount(), getEpochCount());
        keptFactors = SpikeDropout.factors(p);
        return keptBuf = SpikeDropout.kept(p, seed, (long) mb * steps * outputWidth(), keptBuf);
    }

    /** Firing statistics over valid steps, both directions counted for bidirectional layers. */
    private void countSpikes(boolean[] valid, int n) {
        double[] s = kernel.spikes();
        double[] counts = new double[mb];
        int directions = kernelBatch / mb;
        // spikes are 0 or 1: the sums are exact integers, whichever thread adds them up
        Parallel.run(mb, Parallel.elementwiseParts((long) kernelBatch * steps * n), (lo, hi, part) -> {
            for (int t = 0; t < steps; t++) {
                for (int d = 0; d < directions; d++) {
                    // a backward-direction row at step t holds step T-1-t of its sample
                    int layerStep = d == 0 ? t : steps - 1 - t;
                    for (int b = lo; b < hi; b++) {
                        if (valid != null && !valid[layerStep * mb + b]) {
                            continue;
                        }
                        double sum = 0;
                        for (int j = (t * kernelBatch + d * mb + b) * n, end = j + n; j < end; j++) {
                            sum += s[j];
                        }
                        counts[b] += sum;
                    }
                }
            }
        });
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        spikeCounts = counts;
        long counted = StepMask.count(valid, (long) mb * steps) * directions;
        firingRate = counted == 0 ? 0.0 : total / ((double) counted * n);
    }

    /**
     * Emitted spikes: the kernel's spikes (both directions side by side), zero on padding, times
     * dropout, computed row by row straight into the output array.
     */
    private void writeOutput(INDArray matrix) {
        int n = (int) layerConf().getNOut();
        int width = outputWidth();
        double[] s = kernel.spikes();
        if (kernelBatch != mb) {
            s = outBuf = Directions.concat(s, n, mb, steps, outBuf);
        }
        boolean[] valid = validRows;
        double[] spikes = s;
        byte[] k = kept;
        double[] factor = keptFactors;
        TimeMajor.writeRows(matrix, mb * steps, width, (row, out, at) -> {
            int from = row * width;
            if (valid != null && !valid[row]) {
                java.util.Arrays.fill(out, at, at + width, 0.0);
            } else if (k == null) {
                System.arraycopy(spikes, from, out, at, width);
            } else {
                for (int i = 0; i < width; i++) {
                    // a spike times 0 or times 1 / (1 - p), as a multiplier array would give it
                    out[at + i] = spikes[from + i] * factor[k[from + i]];
                }
            }
        });
    }

    /**
     * Takes the initial state for the next forward pass from a stored state map (null or empty:
     * the rest state). Kept in a field so a recomputation in backprop starts from the same state.
     */
    private void loadInitialState(Map<String, INDArray> from) {
        initialState = null;
        if (from == null || from.isEmpty()) {
            return;
        }
        int batch = Math.toIntExact(permuteIfNWC(input).size(0));
        int n = (int) layerConf().getNOut();
        String[] names = layerConf().stateNames();
        initialState = new double[names.length][];
        for (int k = 0; k < names.length; k++) {
            initialState[k] = stateArray(from.get(names[k]), batch, n);
        }
    }

    private static double[] stateArray(INDArray stored, int batch, int n) {
        if (stored.size(0) != batch || stored.size(1) != n) {
            throw new IllegalStateException("stored RNN state has shape " + Arrays.toString(stored.shape())
                    + " but this minibatch needs [" + batch + ", " + n + "]: clear the state between minibatches of different sizes");
        }
        double[] out = new double[batch * n];
        TimeMajor.read(stored.dup('c'), out);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr ws) {
        return tbpttBackpropGradient(epsilon, -1, ws);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr ws) {
        assertInputSet(true);
        if (cachedInput == null || cachedInput != input) {
            // no training forward of this input to reuse (e.g. backprop called on its own): recompute
            compute(true, ws, ArrayType.BP_WORKING_MEM);
        }
        BaseSpikingLayer c = layerConf();
        int n = (int) c.getNOut();
        int len = mb * steps * outputWidth();
        gradientsFlattened.assign(0);

        gOut = Buffers.ensure(gOut, len);
        TimeMajor.read(TimeMajor.matrix(permuteIfNWC(epsilon), ws, ArrayType.BP_WORKING_MEM), gOut);
        if (kept != null) {
            byte[] k = kept;
            double[] g = gOut;
            double[] factor = keptFactors;
            Parallel.elementwise(len, (lo, hi, part) -> {
                for (int i = lo; i < hi; i++) {
                    g[i] *= factor[k[i]];
                }
            });
        }
        boolean bidirectional = kernelBatch != mb;
        double[] kOut = bidirectional ? kernelGradOut = Directions.split(gOut, 2 * n, 0, n, n, mb, steps, kernelGradOut)
                : gOut;
        if (rateBand != null) {
            rateBand.addGradient(kOut);
        }
        kernelGradDrive = Buffers.ensure(kernelGradDrive, (long) kernelBatch * steps * n);
        ParamValues dParams = ParamValues.none();
        for (NeuronParam p : neuronParams) {
            dParams.with(p.key(), new double[n]);
        }
        int firstStep = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        kernel.backward(kOut, kernelGradDrive, firstStep, dParams);
        // both directions read the same drive: its gradient is the sum of theirs
        gDrive = bidirectional ? Directions.fold(kernelGradDrive, n, mb, steps, gDrive) : kernelGradDrive;

        for (int i = 0; i < neuronParams.size(); i++) {
            NeuronParam p = neuronParams.get(i);
            double[] g = dParams.get(p.key());
            p.toRawGradient(raw[i], g);
            TimeMajor.write(g, gradientViews.get(p.key()));
        }
        if (c.isRecurrent()) {
            recurrentWeightGradient(n, ws);
        }
        INDArray in = permuteIfNWC(input);
        INDArray epsOut = projection.backward(gDrive, in, getParamWithNoise(W, true, ws), gradientViews,
                c.isInputGradient(), ws);

        Gradient g = new DefaultGradient(gradientsFlattened);
        for (Map.Entry<String, INDArray> e : gradientViews.entrySet()) {
            g.gradientForVariable().put(e.getKey(), e.getValue());
        }
        weightNoiseParams.clear();
        cachedInput = null;
        epsOut = epsOut == null ? null : backpropDropOutIfPresent(permuteIfNWC(epsOut));
        return new Pair<>(g, epsOut);
    }

    /**
     * dV = sum_t s_{t-1}^T g_t: from the kernel when it summed it during BPTT (the Java kernels do,
     * over the spikes only), else as one GEMM. For models without self-connections the diagonal
     * stays zero: V_ii is not a parameter there.
     */
    private void recurrentWeightGradient(int n, LayerWorkspaceMgr ws) {
        INDArray dV = gradientViews.get(V);
        double[] formed = kernel.recurrentWeightGradient();
        if (formed != null) {
            TimeMajor.write(formed, dV);
        } else {
            recurrentWeightGradientGemm(dV, n, ws);
        }
        if (layerConf().zeroSelfConnections()) {
            for (int i = 0; i < n; i++) {
                dV.putScalar(i, i, 0.0);
            }
        }
    }

    /**
     * The GEMM form: the spikes of kernel rows 0 .. T-2 against the drive gradient of rows
     * 1 .. T-1 (same sequence, one step later), plus the initial state's spikes against step 0
     * when a stored state was used.
     */
    private void recurrentWeightGradientGemm(INDArray dV, int n, LayerWorkspaceMgr ws) {
        int block = kernelBatch * n;
        double[] s = kernel.spikes();
        if (steps > 1) {
            long rows = (long) (steps - 1) * kernelBatch;
            INDArray sPrev = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{rows, n}, 'c');
            INDArray gNext = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{rows, n}, 'c');
            TimeMajor.write(s, 0, sPrev);
            TimeMajor.write(kernelGradDrive, block, gNext);
            Nd4j.gemm(sPrev, gNext, dV, true, false, 1.0, 0.0);
        }
        double[] s0 = initialSpikes();
        if (s0 != null) {
            INDArray sInit = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{mb, n}, 'c');
            INDArray g0 = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[]{mb, n}, 'c');
            TimeMajor.write(s0, sInit);
            TimeMajor.write(kernelGradDrive, 0, g0);
            // dV is zero (gradientsFlattened was cleared) or holds the steps above
            Nd4j.gemm(sInit, g0, dV, true, false, 1.0, 1.0);
        }
    }

    /** The spikes of a stored initial state (null when the rest state, whose spikes are zero, was used). */
    private double[] initialSpikes() {
        if (initialState == null) {
            return null;
        }
        String[] names = layerConf().stateNames();
        for (int k = 0; k < names.length; k++) {
            if (BaseSpikingLayer.SPIKE_STATE.equals(names[k])) {
                return initialState[k];
            }
        }
        throw new IllegalStateException(layerConf().getClass().getSimpleName() + " names no spike state");
    }

    private void storeFinalState(Map<String, INDArray> to) {
        int n = (int) layerConf().getNOut();
        int from = (steps - 1) * mb * n;
        String[] names = layerConf().stateNames();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int k = 0; k < names.length; k++) {
                to.put(names[k], slice(kernel.state(k), from, n));
            }
        }
    }

    private INDArray slice(double[] src, int from, int n) {
        INDArray out = Nd4j.create(dataType, new long[]{mb, n}, 'c');
        TimeMajor.write(src, from, out);
        return out;
    }
}
