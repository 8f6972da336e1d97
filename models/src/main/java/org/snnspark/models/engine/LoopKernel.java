package org.snnspark.models.engine;

import org.snnspark.models.surrogate.Boxcar;
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
 * previous step's spike may be non-zero ({@link SpikeFunction#support}): the adjoint of a spike
 * reaches the loss only through that derivative (every model's spike is a function of its own
 * step's state), so elsewhere it would be computed and discarded. Event-driven work a dense
 * framework does not exploit. Both sums take four rows of V per pass, so each element of the
 * dense operand is loaded once per four rows; the adjoint's dot products run on SIMD lanes
 * ({@link RecurrentAdjoint}). Surrogates whose derivative is nowhere zero need
 * every neuron's adjoint; from {@link #DENSE_ADJOINT_ABOVE} neurons on BPTT then runs step by step
 * and forms each step's {@code g V^T} as one GEMM ({@link DenseAdjoint}); in smaller layers the
 * same dot products of every neuron in the one walk cost less than a GEMM per step and the
 * threads' hand-over around it (from 256 neurons on the GEMM is ahead). The two agree to rounding (DenseAdjointTest). dV is summed
 * over the spikes only: row i of dV gathers the drive gradients of the steps after neuron i fired
 * (a GEMM would multiply all the zeros, after two conversions of its operands), in the same walk
 * while they are still in cache, or in larger layers after it, neuron by neuron, so that a row of
 * dV is loaded once for all of its neuron's spikes ({@link #DV_IN_WALK_MAX}).
 */
public abstract class LoopKernel implements NeuronKernel {
    protected final int n;
    protected final boolean recurrent;
    protected final SpikeFunction spikeFn;
    /** The boxcar surrogate's half width when spikeFn is sparch's boxcar, else NaN. */
    protected final double boxcarHalfWidth;
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
    /**
     * Doubles of drive gradient copied out per band of dV columns ({@link #addRecurrentWeightGradient}):
     * 512 KB, so the band's rows of a chunk's whole walk stay in a core's L2 cache.
     */
    static final int DV_BAND_DOUBLES = 1 << 16;
    /**
     * Layers up to this size add to dV inside the BPTT walk, spike by spike, while the row's drive
     * gradients are in L1; a chunk's dV (n x n) then fits in L2. Larger ones add after the walk
     * ({@link #addRecurrentWeightGradient}).
     */
    static final int DV_IN_WALK_MAX = 256;
    /** Layers larger than this form the recurrent adjoint of a surrogate without zeros as a GEMM per step. */
    static final int DENSE_ADJOINT_ABOVE = 128;
    protected double[] v;
    /** The rows of V as arrays of their own ({@link SpikeProducts}). */
    private double[][] vRows;
    protected int mb;
    protected int steps;
    protected boolean[] valid;

    private double[][] initial;
    private final double[][] rest;
    /** dL/dV of the last backward (recurrent kernels), and its per-chunk parts (row by row). */
    private double[] dV;
    private double[][][] dVParts = new double[0][][];
    /** The recurrent adjoint as one GEMM per step, for surrogates whose derivative is nowhere zero. */
    private DenseAdjoint denseAdjoint;
    /** Whether the recurrent adjoint is every neuron's and formed by {@link DenseAdjoint}. */
    private boolean denseAdjointSteps;
    /**
     * The spike function's derivative on SIMD lanes, null when the Vector API is off or the
     * function has no lane form ({@link SurrogateLanes}).
     */
    protected final SurrogateLanes lanes;
    /** Whether the model's SIMD loops run (with {@link #lanes}; a model may ask for more). */
    protected boolean simd;
    /**
     * The SIMD backward's surrogate derivatives of a row, [mb * n] at the adjoint's offset: each
     * sample's own part, so the threads write apart.
     */
    protected double[] derivatives;

    /**
     * @param stateCount state variables of the model
     * @param spikeState which of them is the spike s
     */
    protected LoopKernel(int n, boolean recurrent, SpikeFunction spikeFn, int stateCount, int spikeState) {
        this.n = n;
        this.recurrent = recurrent;
        this.spikeFn = spikeFn;
        this.boxcarHalfWidth = spikeFn instanceof Boxcar box ? box.halfWidth() : Double.NaN;
        this.spikeState = spikeState;
        this.state = new double[stateCount][];
        this.adj = new double[stateCount][];
        this.rest = new double[stateCount][];
        this.lanes = VectorSupport.ENABLED ? SurrogateLanes.of(spikeFn) : null;
        this.simd = lanes != null;
        this.denseAdjointSteps = recurrent && !spikeFn.hasBoundedSupport() && n > DENSE_ADJOINT_ABOVE;
    }

    /** Forms every recurrent adjoint by {@link DenseAdjoint}, whatever the size: for tests of that path. */
    public void denseAdjointAlways() {
        denseAdjointSteps = recurrent && !spikeFn.hasBoundedSupport();
    }

    /** Whether the SIMD loops run for this kernel. */
    boolean usesSimd() {
        return simd;
    }

    /** Runs the scalar loops only, from now on: the reference the SIMD loops are tested against. */
    void scalarOnly() {
        simd = false;
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
     * The names of the model's trained per-neuron parameters; {@link #stepBack} accumulates their
     * gradients at these positions of its {@code dParams}.
     */
    protected abstract String[] parameterNames();

    /**
     * The adjoint of {@link #step} for row {@code base} (sample offset {@code c} into {@link #adj}):
     * writes {@code gDrive[base + j]}, accumulates {@code dParams}, and replaces {@code adj} by the
     * gradient reaching the previous row's state. The recurrent term is added by the caller.
     */
    protected abstract void stepBack(double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                                     double[][] dParams);

    /**
     * Writes the neurons whose spike derivative at flat state index {@code po + i} may be non-zero
     * to {@code out} (increasing i) and returns their count; usually
     * {@code support(theArgumentState, po, threshold, out)}. Asked only when the spike
     * function has bounded support (otherwise BPTT forms every neuron's adjoint, {@link DenseAdjoint}).
     */
    protected abstract int derivativeSupport(int po, int[] out);

    /**
     * The neurons i whose spike derivative at {@code x[po + i] - shift} may be non-zero, for
     * {@link #derivativeSupport}: {@code spikeFn.support}, or for the boxcar the same interval test
     * eight values at a time ({@link IndexScan#inside}).
     */
    protected final int support(double[] x, int po, double shift, int[] out) {
        return boxcarHalfWidth > 0 ? IndexScan.inside(x, po, n, shift, boxcarHalfWidth, out)
                : spikeFn.support(x, po, n, shift, out);
    }

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
        if (recurrent) {
            vRows = SpikeProducts.rows(v, n, n, vRows);
        }
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
        int[] fired = recurrent ? new int[n] : null;
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
                    recurrentInput(prev[spikeState], po, rec, fired);
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
            prev[k] = first ? startState(k) : state[k];
        }
    }

    /** State variable k before the first step: the initial state given, else the rest state. */
    private double[] startState(int k) {
        return initial != null && initial[k] != null ? initial[k] : rest[k];
    }

    /** rec = s_prev V, summing the rows of V of the neurons that spiked ({@code fired}: scratch). */
    private void recurrentInput(double[] sP, int po, double[] rec, int[] fired) {
        int count = SpikeProducts.fired(sP, po, n, fired);
        Arrays.fill(rec, 0.0);
        SpikeProducts.addRows(vRows, fired, count, sP, po, rec);
    }

    @Override
    public void backward(double[] gOut, double[] gDrive, int firstStep, ParamValues gradients) {
        double[][] dParams = gradients.get(parameterNames());
        int block = mb * n;
        int from = Math.max(0, firstStep);
        Arrays.fill(gDrive, 0, from * block, 0.0);
        for (int k = 0; k < adj.length; k++) {
            adj[k] = Buffers.zeroed(adj[k], block);
        }
        if (simd) {
            derivatives = Buffers.ensure(derivatives, block);
            lanes.ensure(block);
        }
        int chunks = chunkCount(mb);
        double[][][] partial = new double[chunks][dParams.length][];
        if (recurrent && dVParts.length < chunks) {
            dVParts = Arrays.copyOf(dVParts, chunks);
        }
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < dParams.length; i++) {
                partial[c][i] = new double[dParams[i].length];
            }
            if (recurrent) {
                dVParts[c] = zeroedRows(dVParts[c]);
            }
        }
        if (denseAdjointSteps) {
            // every neuron's adjoint is needed: g V^T of a whole step as one GEMM, step by step
            DenseAdjoint dense = denseAdjoint();
            for (int t = steps - 1; t >= from; t--) {
                int step = t;
                runChunks(mb, (lo, hi, chunk) ->
                        backwardSamples(gOut, gDrive, step, step, lo, hi, partial[chunk], dVParts[chunk], false));
                // the initial state's adjoint is nobody's gradient: no recurrent term at t = 0
                if (t > 0) {
                    dense.add(gDrive, t * block, adj[spikeState]);
                }
            }
            if (n > DV_IN_WALK_MAX) {
                runChunks(mb, (lo, hi, chunk) -> addRecurrentWeightGradient(gDrive, from, lo, hi, dVParts[chunk]));
            }
        } else {
            runChunks(mb, (lo, hi, chunk) -> {
                backwardSamples(gOut, gDrive, steps - 1, from, lo, hi, partial[chunk], recurrent ? dVParts[chunk] : null,
                        true);
                if (recurrent && n > DV_IN_WALK_MAX) {
                    addRecurrentWeightGradient(gDrive, from, lo, hi, dVParts[chunk]);
                }
            });
        }
        // summed in chunk order: the result does not depend on which thread ran what
        for (double[][] d : partial) {
            for (int i = 0; i < d.length; i++) {
                for (int j = 0; j < d[i].length; j++) {
                    dParams[i][j] += d[i][j];
                }
            }
        }
        if (recurrent) {
            dV = Buffers.zeroed(dV, (long) n * n);
            for (int c = 0; c < chunks; c++) {
                for (int i = 0; i < n; i++) {
                    double[] part = dVParts[c][i];
                    for (int j = 0; j < n; j++) {
                        dV[i * n + j] += part[j];
                    }
                }
            }
        }
    }

    private DenseAdjoint denseAdjoint() {
        if (denseAdjoint == null || !denseAdjoint.fits(mb, n)) {
            denseAdjoint = new DenseAdjoint(mb, n);
        }
        denseAdjoint.setWeights(v);
        return denseAdjoint;
    }

    private double[][] zeroedRows(double[][] rows) {
        if (rows == null || rows.length != n) {
            return new double[n][n];
        }
        for (double[] row : rows) {
            Arrays.fill(row, 0.0);
        }
        return rows;
    }

    /**
     * dL/dV of the last {@link #backward}: sum over steps t of s_{t-1}^T gDrive_t (s_{-1}: the
     * initial state's spikes), row-major [n, n], the diagonal included.
     */
    @Override
    public double[] recurrentWeightGradient() {
        return recurrent ? dV : null;
    }

    /**
     * BPTT of samples {@code lo .. hi - 1} from step {@code top} down to step {@code from}, parameter
     * gradients into {@code dParams}; the recurrent adjoint of each row too when {@code adjoint}
     * (else the caller adds it for the whole step).
     */
    private void backwardSamples(double[] gOut, double[] gDrive, int top, int from, int lo, int hi, double[][] dParams,
                                 double[][] dVPart, boolean adjoint) {
        int block = mb * n;
        double[][] prev = new double[state.length][];
        int[] active = recurrent ? new int[n] : null;
        double[] gRow = recurrent && n <= DV_IN_WALK_MAX ? new double[n] : null;
        for (int t = top; t >= from; t--) {
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
                if (gRow != null) {
                    addRecurrentWeightGradient(prev[spikeState], po, gDrive, base, dVPart, gRow, active);
                }
                // the initial state's adjoint is nobody's gradient: no recurrent term at t = 0
                if (recurrent && adjoint && !first) {
                    recurrentAdjoint(gDrive, base, po, b * n, active);
                }
            }
        }
    }

    /**
     * Parts of a minibatch: fixed by its size only (the same parts, hence the same sums, on any
     * machine), at least {@link #MIN_CHUNK_SAMPLES} samples each, at most {@link #MAX_CHUNKS}.
     */
    public static int chunkCount(int mb) {
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

    /**
     * dV[i, :] += s_{t-1, i} gDrive_t for the neurons i that fired at t - 1; {@code gRow} receives
     * gDrive_t as an array of its own ({@link SpikeProducts}), {@code fired} is scratch.
     */
    private void addRecurrentWeightGradient(double[] sP, int po, double[] g, int base, double[][] dVRows,
                                            double[] gRow, int[] fired) {
        int count = SpikeProducts.fired(sP, po, n, fired);
        if (count > 0) {
            System.arraycopy(g, base, gRow, 0, n);
            SpikeProducts.addOuter(fired, count, sP, po, gRow, dVRows);
        }
    }

    /**
     * dV[i, :] += s_{t-1, i} gDrive_t for the neurons i that fired at t - 1, over the steps down to
     * {@code from} of samples {@code lo .. hi - 1}, into their chunk's rows {@code dVRows}: after
     * BPTT, neuron by neuron, each row of dV held in registers over all of that neuron's spikes
     * ({@link SpikeProducts#addEvents}), a band of columns at a time whose drive gradients of the
     * chunk's walk are copied to stay in cache. Each element takes its terms in the order of the
     * walk (t down, samples up), as when a row of dV was loaded and stored for every spike inside
     * it: the same bits, with a third of the memory traffic.
     */
    private void addRecurrentWeightGradient(double[] gDrive, int from, int lo, int hi, double[][] dVRows) {
        int samples = hi - lo;
        int walkRows = (steps - from) * samples;
        int[] neuronStart = new int[n + 1];
        int[] rows = spikesByNeuron(from, lo, hi, neuronStart);
        double[] xs = new double[rows.length];
        for (int i = 0; i < n; i++) {
            for (int e = neuronStart[i]; e < neuronStart[i + 1]; e++) {
                xs[e] = spikeBefore(rows[e], lo, samples, i);
            }
        }
        int band = Math.min(n, Math.max(4, DV_BAND_DOUBLES / Math.max(1, walkRows) & ~3));
        double[] g = new double[walkRows * band];
        for (int j0 = 0; j0 < n; j0 += band) {
            int width = Math.min(band, n - j0);
            for (int r = 0; r < walkRows; r++) {
                System.arraycopy(gDrive, walkRow(r, lo, samples) * n + j0, g, r * band, width);
            }
            for (int i = 0; i < n; i++) {
                if (neuronStart[i + 1] > neuronStart[i]) {
                    SpikeProducts.addEvents(dVRows[i], j0, width, g, band, rows, xs, neuronStart[i], neuronStart[i + 1]);
                }
            }
        }
    }

    /** The time-major row of walk row r (t from steps - 1 down to from, samples lo up within a step). */
    private int walkRow(int r, int lo, int samples) {
        return (steps - 1 - r / samples) * mb + lo + r % samples;
    }

    /** s_{t-1, i} of walk row r: the previous row's spike, or the start state's at t = 0. */
    private double spikeBefore(int r, int lo, int samples, int i) {
        int row = walkRow(r, lo, samples);
        return row < mb ? startState(spikeState)[row * n + i] : state[spikeState][(row - mb) * n + i];
    }

    /**
     * The walk rows (valid ones only) in which each neuron had fired the step before, neuron by
     * neuron and in walk order: neuron i's from {@code start[i]} to {@code start[i + 1]}.
     */
    private int[] spikesByNeuron(int from, int lo, int hi, int[] start) {
        int samples = hi - lo;
        int walkRows = (steps - from) * samples;
        int[] fired = new int[n];
        int[][] byRow = new int[walkRows][];
        for (int r = 0; r < walkRows; r++) {
            int row = walkRow(r, lo, samples);
            if (valid == null || valid[row]) {
                double[] sP = row < mb ? startState(spikeState) : state[spikeState];
                int count = SpikeProducts.fired(sP, row < mb ? row * n : (row - mb) * n, n, fired);
                byRow[r] = Arrays.copyOf(fired, count);
                for (int k = 0; k < count; k++) {
                    start[fired[k] + 1]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, n);
        int[] rows = new int[start[n]];
        for (int r = 0; r < walkRows; r++) {
            if (byRow[r] != null) {
                for (int i : byRow[r]) {
                    rows[next[i]++] = r;
                }
            }
        }
        return rows;
    }

    /**
     * adj(s_{t-1}) += gDrive_t V^T, only where s_{t-1}'s surrogate derivative may be non-zero:
     * one dot product of gDrive_t with row i of V per such neuron i ({@link RecurrentAdjoint};
     * {@code active}: scratch).
     */
    private void recurrentAdjoint(double[] g, int base, int po, int c, int[] active) {
        int count = spikeFn.hasBoundedSupport() ? derivativeSupport(po, active) : everyNeuron(active);
        RecurrentAdjoint.add(g, base, n, vRows, active, count, adj[spikeState], c);
    }

    /** Lists neurons 0 .. n - 1: where a derivative without zeros may be non-zero. */
    private int everyNeuron(int[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return n;
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
