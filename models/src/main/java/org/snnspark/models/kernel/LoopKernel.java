package org.snnspark.models.kernel;

import org.snnspark.models.surrogate.SpikeFunction;

import java.util.Arrays;

/**
 * What every Java-loop kernel shares: the walk over time-major rows forward and backward, the
 * previous state of each row (the step before, or the initial / rest state at t = 0), padding rows
 * that carry the state, and the recurrent input. A model only writes its update of one row
 * ({@link #step}) and that update's adjoint ({@link #stepBack}); the per-row virtual call is
 * negligible next to the n-neuron loops inside.
 * <p>
 * Spikes are mostly zero, so {@code s V} is summed over the rows of V of neurons that fired, and
 * in BPTT the recurrent term {@code g V^T} is only formed where the surrogate derivative of the
 * previous step's spike is non-zero: the adjoint of a spike reaches the loss only through that
 * derivative (every model's spike is a function of its own step's state), so elsewhere it would
 * be computed and discarded. Event-driven work a dense framework does not exploit.
 */
public abstract class LoopKernel implements NeuronKernel {
    protected final int n;
    protected final boolean recurrent;
    protected final SpikeFunction spikeFn;
    private final int spikeState;

    /** Per state variable, all steps (T * mb * n). */
    protected final double[][] state;
    /**
     * Per state variable, [mb * n]: during {@link #stepBack} of a row, on entry dL/d(that row's
     * state) from later steps, on exit dL/d(the previous row's state) through this step.
     */
    protected final double[][] adj;
    /** Smallest part of a minibatch worth a thread of its own. */
    static final int MIN_CHUNK_SAMPLES = 16;
    static final int MAX_CHUNKS = 8;
    protected double[] v;
    protected int mb;
    protected int steps;
    protected boolean[] valid;

    private double[][] initial;
    private final double[][] rest;

    /**
     * @param stateCount state variables of the model
     * @param spikeState which of them is the spike s
     */
    protected LoopKernel(int n, boolean recurrent, SpikeFunction spikeFn, int stateCount, int spikeState) {
        this.n = n;
        this.recurrent = recurrent;
        this.spikeFn = spikeFn;
        this.spikeState = spikeState;
        this.state = new double[stateCount][];
        this.adj = new double[stateCount][];
        this.rest = new double[stateCount][];
    }

    /** Value of state variable {@code k} before the first step when no initial state is given. */
    protected double restValue(int k) {
        return 0.0;
    }

    /** Allocates the model's own per-step arrays (beyond the state) for {@code total} values. */
    protected void prepare(int total) {
    }

    /**
     * The update of row {@code base}: reads {@code drive}, {@code rec} = s_{t-1} V of this row
     * (recurrent models; null otherwise) and the
     * previous state {@code prev[k][po + j]}; writes {@code state[k][base + j]}.
     */
    protected abstract void step(double[] drive, int base, double[][] prev, int po, double[] rec);

    /**
     * The adjoint of {@link #step} for row {@code base} (sample offset {@code c} into {@link #adj}):
     * writes {@code gDrive[base + j]}, accumulates {@code dParams}, and replaces {@code adj} by the
     * gradient reaching the previous row's state. The recurrent term is added by the caller.
     */
    protected abstract void stepBack(double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                                     double[][] dParams);

    /** ds/dx of the spike stored at flat index {@code i} of the state arrays. */
    protected abstract double spikeDerivativeAt(int i);

    /** A padding row: the model's own per-step arrays at {@code base} (state is copied already). */
    protected void carry(int base, int po, boolean first) {
    }

    @Override
    public int neurons() {
        return n;
    }

    @Override
    public int stateCount() {
        return state.length;
    }

    @Override
    public void setInitialState(double[][] initialState) {
        this.initial = initialState;
    }

    /** Keeps V (row-major [n, n]); its diagonal is used as given (the layer zeroes it where a model wants). */
    protected void setRecurrentWeights(double[] v) {
        if (recurrent && (v == null || v.length < n * n)) {
            throw new IllegalArgumentException("a recurrent kernel needs V of " + n + " x " + n);
        }
        this.v = v;
    }

    @Override
    public void forward(double[] drive, int mb, int steps, boolean[] valid) {
        this.mb = mb;
        this.steps = steps;
        this.valid = valid;
        int total = mb * steps * n;
        int block = mb * n;
        for (int k = 0; k < state.length; k++) {
            state[k] = Buffers.ensure(state[k], total);
            rest[k] = Buffers.ensure(rest[k], block);
            Arrays.fill(rest[k], 0, block, restValue(k));
        }
        prepare(total);
        runChunks(mb, (lo, hi, chunk) -> forwardSamples(drive, lo, hi, chunk));
    }

    /** The whole time loop of samples {@code lo .. hi - 1} (independent of all other samples). */
    private void forwardSamples(double[] drive, int lo, int hi, int chunk) {
        int block = mb * n;
        double[][] prev = new double[state.length][];
        double[] rec = recurrent ? new double[n] : null;
        for (int t = 0; t < steps; t++) {
            boolean first = t == 0;
            pointPrevious(first, prev);
            for (int b = lo; b < hi; b++) {
                int row = t * mb + b;
                int base = row * n;
                int po = first ? b * n : base - block;
                if (valid != null && !valid[row]) {
                    for (int k = 0; k < state.length; k++) {
                        System.arraycopy(prev[k], po, state[k], base, n);
                    }
                    carry(base, po, first);
                    continue;
                }
                if (recurrent) {
                    recurrentInput(prev[spikeState], po, rec);
                }
                step(drive, base, prev, po, rec);
            }
        }
    }

    /**
     * Points {@link #prev} at the previous state of the rows of a step (the state arrays, or the
     * initial / rest state at t = 0); a row's offset there is {@code b * n} at t = 0, else its own
     * offset minus one step.
     */
    private void pointPrevious(boolean first, double[][] prev) {
        for (int k = 0; k < state.length; k++) {
            prev[k] = !first ? state[k] : initial != null && initial[k] != null ? initial[k] : rest[k];
        }
    }

    /** rec = s_prev V, summing the rows of V of the neurons that spiked. */
    private void recurrentInput(double[] sP, int po, double[] rec) {
        Arrays.fill(rec, 0.0);
        for (int i = 0; i < n; i++) {
            double si = sP[po + i];
            if (si != 0.0) {
                int vr = i * n;
                for (int j = 0; j < n; j++) {
                    rec[j] += si * v[vr + j];
                }
            }
        }
    }

    @Override
    public void backward(double[] gOut, double[] gDrive, int firstStep, double[][] dParams) {
        int block = mb * n;
        int from = Math.max(0, firstStep);
        Arrays.fill(gDrive, 0, from * block, 0.0);
        for (int k = 0; k < adj.length; k++) {
            adj[k] = Buffers.zeroed(adj[k], block);
        }
        int chunks = chunkCount(mb);
        double[][][] partial = new double[chunks][][];
        runChunks(mb, (lo, hi, chunk) -> {
            double[][] d = new double[dParams.length][];
            for (int i = 0; i < d.length; i++) {
                d[i] = new double[dParams[i].length];
            }
            partial[chunk] = d;
            backwardSamples(gOut, gDrive, from, lo, hi, d);
        });
        // summed in chunk order: the result does not depend on which thread ran what
        for (double[][] d : partial) {
            for (int i = 0; i < d.length; i++) {
                for (int j = 0; j < d[i].length; j++) {
                    dParams[i][j] += d[i][j];
                }
            }
        }
    }

    /** BPTT of samples {@code lo .. hi - 1} down to step {@code from}, parameter gradients into {@code dParams}. */
    private void backwardSamples(double[] gOut, double[] gDrive, int from, int lo, int hi, double[][] dParams) {
        int block = mb * n;
        double[][] prev = new double[state.length][];
        for (int t = steps - 1; t >= from; t--) {
            boolean first = t == 0;
            pointPrevious(first, prev);
            for (int b = lo; b < hi; b++) {
                int row = t * mb + b;
                int base = row * n;
                if (valid != null && !valid[row]) {
                    // a padding step is the identity on the state: the adjoints pass through
                    Arrays.fill(gDrive, base, base + n, 0.0);
                    continue;
                }
                int po = first ? b * n : base - block;
                stepBack(gOut, gDrive, base, prev, po, b * n, dParams);
                // the initial state's adjoint is nobody's gradient: no recurrent term at t = 0
                if (recurrent && !first) {
                    recurrentAdjoint(gDrive, base, po, b * n);
                }
            }
        }
    }

    /**
     * Parts of a minibatch: fixed by its size only (the same parts, hence the same sums, on any
     * machine), at least {@link #MIN_CHUNK_SAMPLES} samples each, at most {@link #MAX_CHUNKS}.
     */
    static int chunkCount(int mb) {
        return Math.max(1, Math.min(MAX_CHUNKS, mb / MIN_CHUNK_SAMPLES));
    }

    /**
     * Samples do not interact in the time loop, so the minibatch is cut into {@link #chunkCount}
     * parts that run on {@link Parallel}'s threads, the caller's among them. On this project's
     * 2-core machines the loop otherwise leaves one core idle between the GEMMs.
     */
    private static void runChunks(int mb, Parallel.Range work) {
        Parallel.run(mb, chunkCount(mb), work);
    }

    /** adj(s_{t-1}) += gDrive_t V^T, only where s_{t-1}'s surrogate derivative is non-zero. */
    private void recurrentAdjoint(double[] gDrive, int base, int po, int c) {
        double[] ds = adj[spikeState];
        for (int i = 0; i < n; i++) {
            if (spikeDerivativeAt(po + i) == 0.0) {
                continue;
            }
            ds[c + i] += dot(gDrive, base, v, i * n, n);
        }
    }

    /**
     * x[xo .. xo+len) . y[yo .. yo+len) with four partial sums: a single running sum is bound by
     * the latency of each addition (the JIT may not reorder floating-point sums), four are not.
     */
    static double dot(double[] x, int xo, double[] y, int yo, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += x[xo + j] * y[yo + j];
            s1 += x[xo + j + 1] * y[yo + j + 1];
            s2 += x[xo + j + 2] * y[yo + j + 2];
            s3 += x[xo + j + 3] * y[yo + j + 3];
        }
        for (; j < len; j++) {
            s0 += x[xo + j] * y[yo + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public double[] spikes() {
        return state[spikeState];
    }

    @Override
    public double[] state(int k) {
        return state[k];
    }
}
