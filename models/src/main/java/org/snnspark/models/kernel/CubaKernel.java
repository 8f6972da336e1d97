package org.snnspark.models.kernel;

import org.snnspark.models.surrogate.SpikeFunction;

/**
 * Current-based LIF of Zenke's SpyTorch tutorial, in the tutorial's exact order of operations
 * ({@code run_snn} of fzenke/spytorch, notebooks/SpyTorchTutorial2.ipynb): in each step the spike
 * is read off the membrane <em>before</em> the update, and the membrane integrates the synaptic
 * current of the step before. With S_t, M_t the current and membrane after step t:
 * <pre>
 *   s_t = f(M_{t-1} - threshold)
 *   S_t = alpha S_{t-1} + drive_t + s_{t-1} V                    (V: recurrent only)
 *   M_t = (beta M_{t-1} + S_{t-1}) (1 - s_t)                     (reset by multiplication)
 * </pre>
 * so an input reaches the spikes two steps later, as in the tutorial's {@code spk_rec}. The
 * tutorial does not backpropagate through the reset ({@code rst = out.detach()}); that is the
 * default here, and {@code detachReset = false} gives the full gradient (what a numerical check
 * can verify). alpha = exp(-dt/tau_syn) and beta = exp(-dt/tau_mem) are fixed constants, as in
 * the tutorial. No trained per-neuron parameters. State variables: S, M, s.
 */
public final class CubaKernel extends LoopKernel {
    public static final int SYN = 0;
    public static final int MEM = 1;
    public static final int S = 2;

    private final double alpha;
    private final double beta;
    private final double threshold;
    private final boolean detachReset;
    /** M_{t-1} - threshold per row: the argument of the row's spike (it lives in the previous row). */
    private double[] x;

    public CubaKernel(int n, boolean recurrent, double alpha, double beta, double threshold, boolean detachReset,
                      SpikeFunction spikeFn) {
        super(n, recurrent, spikeFn, 3, S);
        this.alpha = alpha;
        this.beta = beta;
        this.threshold = threshold;
        this.detachReset = detachReset;
    }

    @Override
    public void setParameters(double[][] params, double[] v) {
        setRecurrentWeights(v);
    }

    @Override
    protected void prepare(int total) {
        x = Buffers.ensure(x, total);
    }

    @Override
    protected void carry(int base, int po, boolean first) {
        // the carried spike keeps its argument (the recurrent adjoint's skip test reads it)
        for (int j = 0; j < n; j++) {
            x[base + j] = first ? -threshold : x[po + j];
        }
    }

    @Override
    protected void step(double[] drive, int base, double[][] prev, int po, double[] rec) {
        double[] synP = prev[SYN];
        double[] memP = prev[MEM];
        double[] syn = state[SYN];
        double[] mem = state[MEM];
        double[] s = state[S];
        for (int j = 0; j < n; j++) {
            double mp = memP[po + j];
            double sp = synP[po + j];
            double xj = mp - threshold;
            double sj = spikeFn.spike(xj);
            double h = drive[base + j];
            if (recurrent) {
                h += rec[j];
            }
            x[base + j] = xj;
            s[base + j] = sj;
            syn[base + j] = alpha * sp + h;
            mem[base + j] = (beta * mp + sp) * (1 - sj);
        }
    }

    @Override
    protected void stepBack(double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                            double[][] dParams) {
        double[] synP = prev[SYN];
        double[] memP = prev[MEM];
        double[] s = state[S];
        double[] dSyn = adj[SYN];
        double[] dMem = adj[MEM];
        double[] ds = adj[S];
        for (int j = 0; j < n; j++) {
            double gSyn = dSyn[c + j];
            double gMem = dMem[c + j];
            double gs = gOut[base + j] + ds[c + j];
            double keep = 1 - s[base + j];
            if (!detachReset) {
                gs -= (beta * memP[po + j] + synP[po + j]) * gMem;
            }
            gDrive[base + j] = gSyn;
            double gx = gs * spikeFn.derivative(x[base + j]);
            dMem[c + j] = beta * keep * gMem + gx;
            dSyn[c + j] = keep * gMem + alpha * gSyn;
            // s_{t-1} enters this step only through the recurrence (added by the caller)
            ds[c + j] = 0.0;
        }
    }

    @Override
    protected int derivativeSupport(int po, int[] out) {
        return support(x, po, 0.0, out);
    }

    @Override
    public int membraneState() {
        return MEM;
    }
}
