package org.snnspark.models.engine;

/**
 * A firing-rate band penalty on a layer's spikes: each neuron's rate in each sample,
 * r = (its spikes over the sample's valid steps) / (valid steps), is pushed into [low, high]:
 * <pre>
 *   P = strength * mean over samples and neurons of ( relu(low - r)^2 + relu(r - high)^2 )
 * </pre>
 * Per neuron and sample, so that neither silent neurons nor saturated ones can hide behind a
 * reasonable layer average. Works on kernel rows (a bidirectional layer's two directions are
 * separate neurons). Zero inside the band, so a layer firing within it trains as without.
 * <p>
 * Gradient convention: DL4J's backprop produces gradients of the loss <em>summed</em> over the
 * minibatch (the updater divides by its size), while the score is the minibatch mean plus the
 * regularisation terms. {@link #addGradient} therefore adds {@code mb * dP/ds}, which the updater's
 * division turns into dP/ds.
 */
public final class RateBand {
    private final double low;
    private final double high;
    private final double strength;

    private int n;
    private int kernelBatch;
    private int steps;
    private boolean[] valid;
    /** dP/dr per (kernel sequence, neuron), scaled as {@link #addGradient} needs, divided by the step count. */
    private double[] coefficient;
    private double penalty;

    public RateBand(double low, double high, double strength) {
        validate(low, high, strength);
        this.low = low;
        this.high = high;
        this.strength = strength;
    }

    /** Rejects settings that make no band: 0 <= low <= high and strength >= 0 are required. */
    public static void validate(double low, double high, double strength) {
        if (!(low >= 0 && high >= low && strength >= 0)) {
            throw new IllegalArgumentException("rate band needs 0 <= low <= high and strength >= 0, got low " + low
                    + ", high " + high + ", strength " + strength);
        }
    }

    /**
     * Evaluates the penalty of a forward pass.
     *
     * @param spikes      time-major kernel spikes (row t * kernelBatch + kb, n per row)
     * @param valid       kernel-row validity, null = all valid
     * @param kernelBatch sequences the kernel ran; sample of sequence kb is kb % mb
     * @param mb          samples in the minibatch (the mean is over them)
     * @return the penalty P
     */
    public double evaluate(double[] spikes, boolean[] valid, int n, int kernelBatch, int mb, int steps) {
        this.n = n;
        this.kernelBatch = kernelBatch;
        this.steps = steps;
        this.valid = valid;
        int cells = kernelBatch * n;
        double[] count = new double[cells];
        double[] validSteps = new double[kernelBatch];
        for (int t = 0; t < steps; t++) {
            for (int kb = 0; kb < kernelBatch; kb++) {
                int row = t * kernelBatch + kb;
                if (valid != null && !valid[row]) {
                    continue;
                }
                validSteps[kb]++;
                for (int j = 0; j < n; j++) {
                    count[kb * n + j] += spikes[row * n + j];
                }
            }
        }
        coefficient = Buffers.ensure(coefficient, cells);
        // neurons per sample: n, or 2n over both directions
        double perSample = (double) n * kernelBatch / mb;
        double sum = 0;
        for (int kb = 0; kb < kernelBatch; kb++) {
            double len = validSteps[kb];
            for (int j = 0; j < n; j++) {
                int i = kb * n + j;
                if (len == 0) {
                    coefficient[i] = 0.0;
                    continue;
                }
                double r = count[i] / len;
                double under = Math.max(0.0, low - r);
                double over = Math.max(0.0, r - high);
                sum += under * under + over * over;
                // mb * dP/dr / steps, dP/dr = strength / (mb * perSample) * 2 (over - under)
                coefficient[i] = strength / perSample * 2 * (over - under) / len;
            }
        }
        penalty = strength * sum / (mb * perSample);
        return penalty;
    }

    /** The penalty of the last {@link #evaluate}. */
    public double penalty() {
        return penalty;
    }

    /** Adds mb * dP/ds to a time-major kernel-row gradient of the spikes (valid rows only). */
    public void addGradient(double[] gSpikes) {
        for (int t = 0; t < steps; t++) {
            for (int kb = 0; kb < kernelBatch; kb++) {
                int row = t * kernelBatch + kb;
                if (valid != null && !valid[row]) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    gSpikes[row * n + j] += coefficient[kb * n + j];
                }
            }
        }
    }
}
