package org.snnspark.models.neuron.singlespike;

import org.snnspark.models.dl4j.MembraneDecayLayer;
import org.snnspark.models.engine.ParamValues;
import org.snnspark.models.surrogate.SpikeFunction;

import java.util.Arrays;
import org.snnspark.models.engine.Buffers;
import org.snnspark.models.engine.LoopKernel;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.engine.Parallel;

/**
 * Forward and backward pass of FastSNN's single-spike-per-neuron layer (Taylor, King &amp; Harper;
 * equations and gradient in {@link SingleSpikeModel}: membrane v, crossings c, causal sums a and b,
 * spike s = g(b), backward e, da, dc, lambda).
 * <p>
 * What the event-driven path exploits: for a neuron whose first crossing is step k, e, da,
 * dc and lambda are all zero from k on (the gradient of the emitted spike itself is g'(1) = 0; what
 * flows back comes from the steps before it, where a crossing would have made an earlier spike).
 * So forward is one pass of the filter that records k per (sample, neuron); backward touches only
 * steps before each neuron's k and writes zeros elsewhere — a neuron that fires at step 3 costs
 * three steps of backward work, whatever T is. A neuron that never fires has k = T.
 * <p>
 * How the filter runs: as a first-order scan over time-major rows (one multiply-add per element,
 * contiguous rows of mb x n, samples split over threads), not as FastSNN's convolution with the
 * kernel beta^(T-1..0) (a T x T lower-triangular matrix times the [T, mb n] drive: T/2 times the
 * arithmetic). On the GPU the convolution wins because it is one launch instead of T; on this CPU
 * the scan touches each element once and is memory-bound: at T = 100 the two tie, at T = 500 the
 * scan is ahead ({@code SingleSpikeFilterTiming} in the test sources measures both), and the
 * GEMM still needs a pass for the crossings and a float copy of the double drive. The GEMM also could not have a decay per neuron.
 * <p>
 * Deviations from the reference, on purpose: the decay is one value per neuron (a constant, or a
 * trained parameter clamped to [0, 1] when {@code learnBeta}), where FastSNN's fast layer holds its
 * filter as T free taps shared by all neurons — an {@code nn.Parameter} its optimizer also trains,
 * together with the all-ones summing kernel, which would let the "first crossing" drift from its
 * meaning and ties the model to one sequence length; here the filter stays beta^k, valid for any
 * T, masks and step-by-step inference. Masks: a padding row carries v, a, b and s unchanged, emits
 * nothing and gets no gradient (the reference has no masks). Non-binary spike functions (the smooth
 * sigmoid of gradient checks) run the general path: the formulas above step by step with a and b
 * stored, which is what makes a numerical check of this gradient possible.
 * State variables: mem (v), a, b, s. Feed-forward only (no recurrent V).
 */
public final class SingleSpikeKernel implements NeuronKernel {
    public static final int MEM = 0;
    public static final int A = 1;
    public static final int B = 2;
    public static final int S = 3;
    private static final int STATES = 4;
    /** {@link #crossing} of a neuron that had fired before this call (initial a > 0). */
    private static final int FIRED_BEFORE = -1;

    private final int n;
    private final double threshold;
    private final SpikeFunction spikeFn;
    private final boolean trainedBeta;
    private final boolean eventDriven;
    private double[] beta;

    private final double[][] state = new double[STATES][];
    /** First crossing per (sample, neuron) of the last forward pass (event-driven path). */
    private int[] crossing;
    private double[][] initial;
    private double[] rest;
    private int mb;
    private int steps;
    private boolean[] valid;
    /** Steps of state A / B derived from v since the last forward pass (event-driven path). */
    private boolean countsDerived;

    /**
     * @param fixedBeta the decay of every neuron, or NaN when beta is a trained parameter (then the
     *                  only array of {@link #setParameters})
     */
    public SingleSpikeKernel(int n, double fixedBeta, double threshold, SpikeFunction spikeFn) {
        this(n, fixedBeta, threshold, spikeFn, spikeFn.isBinary());
    }

    /** {@code eventDriven} false runs the general path even for binary spikes (tests compare the two). */
    SingleSpikeKernel(int n, double fixedBeta, double threshold, SpikeFunction spikeFn, boolean eventDriven) {
        if (eventDriven && !spikeFn.isBinary()) {
            throw new IllegalArgumentException("the event-driven path needs a binary spike function");
        }
        this.n = n;
        this.threshold = threshold;
        this.spikeFn = spikeFn;
        this.eventDriven = eventDriven;
        this.trainedBeta = Double.isNaN(fixedBeta);
        if (!trainedBeta) {
            beta = new double[n];
            Arrays.fill(beta, Math.min(1, Math.max(0, fixedBeta)));
        }
    }

    @Override
    public int neurons() {
        return n;
    }

    @Override
    public int stateCount() {
        return STATES;
    }

    @Override
    public void setParameters(ParamValues params, double[] v) {
        if (v != null) {
            throw new IllegalArgumentException("the single-spike layer has no recurrent weights");
        }
        if (trainedBeta) {
            beta = params.get(MembraneDecayLayer.BETA);
        }
    }

    @Override
    public void setInitialState(double[][] initialState) {
        this.initial = initialState;
    }

    /** The initial values of state {@code k} ([mb * n]), or zeros (the rest state). */
    private double[] initialOrRest(int k) {
        if (initial != null && initial[k] != null) {
            return initial[k];
        }
        return rest;
    }

    /** Initial value of state {@code k} for neuron offset {@code i} (sample * n + neuron). */
    private double init(int k, int i) {
        return initial != null && initial[k] != null ? initial[k][i] : 0.0;
    }

    @Override
    public void forward(double[] drive, int mb, int steps, boolean[] valid) {
        this.mb = mb;
        this.steps = steps;
        this.valid = valid;
        int total = Buffers.checkedSize((long) mb * steps * n);
        state[MEM] = Buffers.ensure(state[MEM], total);
        state[S] = Buffers.ensure(state[S], total);
        rest = Buffers.zeroed(rest, (long) mb * n);
        if (eventDriven) {
            crossing = crossing != null && crossing.length >= mb * n ? crossing : new int[mb * n];
            countsDerived = false;
        } else {
            state[A] = Buffers.ensure(state[A], total);
            state[B] = Buffers.ensure(state[B], total);
        }
        Parallel.run(mb, LoopKernel.chunkCount(mb), (lo, hi, chunk) -> {
            if (eventDriven) {
                filterAndFirstCrossing(drive, lo, hi);
            } else {
                generalForward(drive, lo, hi);
            }
        });
    }

    /** The scan of v over all steps, recording each neuron's first crossing; s one-hot there. */
    private void filterAndFirstCrossing(double[] drive, int lo, int hi) {
        double[] v = state[MEM];
        double[] s = state[S];
        int block = mb * n;
        for (int b = lo; b < hi; b++) {
            for (int j = 0; j < n; j++) {
                int i = b * n + j;
                crossing[i] = init(A, i) > 0 ? FIRED_BEFORE : steps;
            }
        }
        for (int t = 0; t < steps; t++) {
            for (int b = lo; b < hi; b++) {
                int row = t * mb + b;
                int base = row * n;
                int c = b * n;
                if (valid != null && !valid[row]) {
                    for (int j = 0; j < n; j++) {
                        v[base + j] = t == 0 ? init(MEM, c + j) : v[base - block + j];
                        s[base + j] = t == 0 ? init(S, c + j) : s[base - block + j];
                    }
                    continue;
                }
                double[] vPrev = t > 0 ? v : initialOrRest(MEM);
                int po = t > 0 ? base - block : c;
                for (int j = 0; j < n; j++) {
                    double u = beta[j] * vPrev[po + j] + drive[base + j];
                    v[base + j] = u;
                    s[base + j] = 0.0;
                    // (binary spike functions are the Heaviside step of u - threshold: skip the rest early)
                    if (u > threshold && crossing[c + j] == steps && spikeFn.spike(u - threshold) != 0.0) {
                        crossing[c + j] = t;
                        s[base + j] = 1.0;
                    }
                }
            }
        }
    }

    /** The reference's formulas step by step, any spike function. */
    private void generalForward(double[] drive, int lo, int hi) {
        double[] v = state[MEM];
        double[] a = state[A];
        double[] bb = state[B];
        double[] s = state[S];
        int block = mb * n;
        for (int t = 0; t < steps; t++) {
            for (int b = lo; b < hi; b++) {
                int row = t * mb + b;
                int base = row * n;
                int c = b * n;
                boolean pad = valid != null && !valid[row];
                for (int j = 0; j < n; j++) {
                    double vp = t == 0 ? init(MEM, c + j) : v[base - block + j];
                    double ap = t == 0 ? init(A, c + j) : a[base - block + j];
                    double bp = t == 0 ? init(B, c + j) : bb[base - block + j];
                    if (pad) {
                        v[base + j] = vp;
                        a[base + j] = ap;
                        bb[base + j] = bp;
                        s[base + j] = t == 0 ? init(S, c + j) : s[base - block + j];
                        continue;
                    }
                    double u = beta[j] * vp + drive[base + j];
                    double an = ap + spikeFn.spike(u - threshold);
                    double bn = bp + an;
                    v[base + j] = u;
                    a[base + j] = an;
                    bb[base + j] = bn;
                    s[base + j] = g(bn);
                }
            }
        }
    }

    /** FastSNN's g: relu(z (1 - z) + 1) z. */
    static double g(double z) {
        double h = z * (1 - z) + 1;
        return h > 0 ? h * z : 0.0;
    }

    /** g'(z) as autograd computes it (relu'(0) = 0). */
    static double gPrime(double z) {
        double h = z * (1 - z) + 1;
        return h > 0 ? (1 - 2 * z) * z + h : 0.0;
    }

    @Override
    public void backward(double[] gOut, double[] gDrive, int firstStep, ParamValues dParams) {
        int from = Math.max(0, firstStep);
        int block = mb * n;
        Arrays.fill(gDrive, 0, from * block, 0.0);
        int chunks = LoopKernel.chunkCount(mb);
        double[][] partial = new double[chunks][];
        Parallel.run(mb, chunks, (lo, hi, chunk) -> {
            double[] dBeta = new double[n];
            partial[chunk] = dBeta;
            backwardSamples(gOut, gDrive, from, lo, hi, dBeta);
        });
        if (trainedBeta) {
            double[] dBeta = dParams.get(MembraneDecayLayer.BETA);
            // summed in chunk order: the result does not depend on which thread ran what
            for (double[] d : partial) {
                for (int j = 0; j < n; j++) {
                    dBeta[j] += d[j];
                }
            }
        }
    }

    /**
     * The adjoint of the forward pass, row by row, with three running sums per neuron: adjoints of
     * b (the running sum of e), of a (of c: dc) and of v (beta lambda). On the event-driven path
     * g'(b) is 1 before a neuron's first crossing and everything is zero from it on, so those steps
     * are skipped with a zero written; the general path evaluates g'(b) from the stored b.
     */
    private void backwardSamples(double[] gOut, double[] gDrive, int from, int lo, int hi, double[] dBeta) {
        double[] v = state[MEM];
        double[] bb = state[B];
        int len = (hi - lo) * n;
        double[] adjB = new double[len];
        double[] adjA = new double[len];
        double[] adjV = new double[len];
        int block = mb * n;
        int off = lo * n;
        for (int t = steps - 1; t >= from; t--) {
            for (int b = lo; b < hi; b++) {
                int row = t * mb + b;
                int base = row * n;
                int c = b * n;
                if (valid != null && !valid[row]) {
                    // padding is the identity on the state: the running sums pass through
                    Arrays.fill(gDrive, base, base + n, 0.0);
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    double gPrimeB = 1.0;
                    if (eventDriven) {
                        if (t >= crossing[c + j]) {
                            gDrive[base + j] = 0.0;
                            continue;
                        }
                    } else {
                        gPrimeB = gPrime(bb[base + j]);
                    }
                    int q = c - off + j;
                    double gb = adjB[q] + gOut[base + j] * gPrimeB;
                    double ga = adjA[q] + gb;
                    double gv = adjV[q] + ga * spikeFn.derivative(v[base + j] - threshold);
                    gDrive[base + j] = gv;
                    dBeta[j] += gv * (t == 0 ? init(MEM, c + j) : v[base - block + j]);
                    adjB[q] = gb;
                    adjA[q] = ga;
                    adjV[q] = beta[j] * gv;
                }
            }
        }
    }

    @Override
    public double[] spikes() {
        return state[S];
    }

    @Override
    public double[] state(int k) {
        if (eventDriven && (k == A || k == B) && !countsDerived) {
            deriveCounts();
        }
        return state[k];
    }

    /**
     * a and b of every step from v (event-driven path, on demand: only step-by-step inference and
     * tools read them): a counts the crossings, not only the first.
     */
    private void deriveCounts() {
        int total = mb * steps * n;
        int block = mb * n;
        double[] v = state[MEM];
        double[] a = state[A] = Buffers.ensure(state[A], total);
        double[] bb = state[B] = Buffers.ensure(state[B], total);
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < mb; b++) {
                int row = t * mb + b;
                boolean pad = valid != null && !valid[row];
                for (int j = 0; j < n; j++) {
                    int i = row * n + j;
                    double ap = t == 0 ? init(A, b * n + j) : a[i - block];
                    double bp = t == 0 ? init(B, b * n + j) : bb[i - block];
                    a[i] = pad ? ap : ap + spikeFn.spike(v[i] - threshold);
                    bb[i] = pad ? bp : bp + a[i];
                }
            }
        }
        countsDerived = true;
    }
}
