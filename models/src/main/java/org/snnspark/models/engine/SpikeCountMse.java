package org.snnspark.models.engine;

/**
 * snnTorch's {@code mse_count_loss} (jeshraghian/snntorch, snntorch/functional/loss.py) on an
 * output layer's spikes: each output's spike count over the sample's steps is pulled towards
 * {@code int(T * correct_rate)} for the labelled class and {@code int(T * incorrect_rate)} for the
 * others, by a mean squared error divided by T:
 * <pre>
 *   loss_b = 1/C sum_c w_bc (count_bc - target_bc)^2 / T_b
 * </pre>
 * Averaged over the minibatch this is snnTorch's {@code MSELoss()(spike_count, target) / num_steps}.
 * With a features mask, T_b is the number of valid steps of sample b (snnTorch has no masks; for
 * equal lengths both agree). w_bc is an optional labels mask (per sample or per output).
 */
public final class SpikeCountMse {
    private final double correctRate;
    private final double incorrectRate;

    private int mb;
    private int classes;
    private double[] perExample;
    /** d(loss_b)/d(s_bct) for any valid step t: 2 w_bc (count_bc - target_bc) / (C T_b). */
    private double[] coefficient;

    public SpikeCountMse(double correctRate, double incorrectRate) {
        validate(correctRate, incorrectRate);
        this.correctRate = correctRate;
        this.incorrectRate = incorrectRate;
    }

    /** Rates are firing probabilities per step: both in [0, 1]. */
    public static void validate(double correctRate, double incorrectRate) {
        if (!(correctRate >= 0 && correctRate <= 1 && incorrectRate >= 0 && incorrectRate <= 1)) {
            throw new IllegalArgumentException("spike-count target rates must be in [0, 1], got correct "
                    + correctRate + ", incorrect " + incorrectRate);
        }
    }

    /**
     * Evaluates the loss of every sample.
     *
     * @param counts     spike counts [mb * C] (row-major: sample b at b * C)
     * @param validSteps steps that count per sample [mb]
     * @param labels     one-hot labels [mb * C] (a value above 0.5 marks the labelled class)
     * @param weights    labels mask [mb * C], or null for all ones
     * @return the per-sample losses [mb] (kept; also {@link #perExample()})
     */
    public double[] evaluate(double[] counts, double[] validSteps, double[] labels, double[] weights, int mb,
                             int classes) {
        this.mb = mb;
        this.classes = classes;
        perExample = new double[mb];
        coefficient = Buffers.ensure(coefficient, (long) mb * classes);
        for (int b = 0; b < mb; b++) {
            double steps = validSteps[b];
            // snnTorch: on_target = int(num_steps * correct_rate), off_target likewise
            double on = Math.floor(steps * correctRate);
            double off = Math.floor(steps * incorrectRate);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                int i = b * classes + c;
                double w = weights == null ? 1.0 : weights[i];
                if (steps == 0 || w == 0) {
                    coefficient[i] = 0.0;
                    continue;
                }
                double d = counts[i] - (labels[i] > 0.5 ? on : off);
                sum += w * d * d;
                coefficient[i] = 2 * w * d / (classes * steps);
            }
            perExample[b] = steps == 0 ? 0.0 : sum / (classes * steps);
        }
        return perExample;
    }

    public double[] perExample() {
        return perExample;
    }

    /** The minibatch mean of the last {@link #evaluate}. */
    public double mean() {
        double s = 0;
        for (double v : perExample) {
            s += v;
        }
        return mb == 0 ? 0.0 : s / mb;
    }

    /** d(loss_b)/d(spike of output c at any valid step) of sample b (the summed-loss gradient DL4J backprops). */
    public double coefficient(int b, int c) {
        return coefficient[b * classes + c];
    }
}
