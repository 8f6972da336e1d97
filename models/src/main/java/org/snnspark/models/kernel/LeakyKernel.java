package org.snnspark.models.kernel;

import org.snnspark.models.surrogate.SpikeFunction;

/**
 * snnTorch's Leaky / RLeaky with its defaults (reset_mechanism "subtract", reset_delay True;
 * jeshraghian/snntorch, snntorch/_neurons/leaky.py and rleaky.py): the reset signal is the spike
 * of the previous step, recomputed from the previous membrane by {@code mem_reset} and detached.
 * <pre>
 *   mem_t = beta mem_{t-1} + drive_t + s_{t-1} V - s_{t-1} threshold       (V: RLeaky only)
 *   s_t   = f(mem_t - threshold)
 * </pre>
 * beta is clamped to [0, 1] by the caller, per neuron (trained when learn_beta) or one constant.
 * {@code detachReset = false} lets the gradient through the reset (for numerical checks).
 * State variables: mem, s.
 */
public final class LeakyKernel extends LoopKernel {
    public static final int MEM = 0;
    public static final int S = 1;

    private final double threshold;
    private final boolean detachReset;
    private final boolean trainedBeta;
    private double[] beta;

    /**
     * @param fixedBeta the decay of every neuron, or NaN when beta is a trained parameter
     *                  (then the first of {@link #setParameters}' arrays)
     */
    public LeakyKernel(int n, boolean recurrent, double fixedBeta, double threshold, boolean detachReset,
                       SpikeFunction spikeFn) {
        super(n, recurrent, spikeFn, 2, S);
        this.threshold = threshold;
        this.detachReset = detachReset;
        this.trainedBeta = Double.isNaN(fixedBeta);
        if (!trainedBeta) {
            beta = new double[n];
            java.util.Arrays.fill(beta, Math.min(1, Math.max(0, fixedBeta)));
        }
    }

    @Override
    public void setParameters(double[][] params, double[] v) {
        if (trainedBeta) {
            beta = params[0];
        }
        setRecurrentWeights(v);
    }

    @Override
    protected void step(double[] drive, int base, double[][] prev, int po, double[] rec) {
        double[] memP = prev[MEM];
        double[] sP = prev[S];
        double[] mem = state[MEM];
        double[] s = state[S];
        for (int j = 0; j < n; j++) {
            double m = beta[j] * memP[po + j] + drive[base + j] - sP[po + j] * threshold;
            if (recurrent) {
                m += rec[j];
            }
            mem[base + j] = m;
            s[base + j] = spikeFn.spike(m - threshold);
        }
    }

    @Override
    protected void stepBack(double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                            double[][] dParams) {
        double[] memP = prev[MEM];
        double[] mem = state[MEM];
        double[] dMem = adj[MEM];
        double[] ds = adj[S];
        for (int j = 0; j < n; j++) {
            double gs = gOut[base + j] + ds[c + j];
            double gm = dMem[c + j] + gs * spikeFn.derivative(mem[base + j] - threshold);
            gDrive[base + j] = gm;
            if (trainedBeta) {
                dParams[0][j] += gm * memP[po + j];
            }
            dMem[c + j] = beta[j] * gm;
            ds[c + j] = detachReset ? 0.0 : -threshold * gm;
        }
    }

    @Override
    protected int derivativeSupport(int po, int[] out) {
        return support(state[MEM], po, threshold, out);
    }
}
