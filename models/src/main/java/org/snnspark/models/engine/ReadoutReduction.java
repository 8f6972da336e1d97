package org.snnspark.models.engine;

/**
 * How the network turns its last spiking layer into one score per class. All but SPIKE_COUNT are
 * reductions of the non-spiking leaky-integrator readout's membrane trace u_t (one value per class
 * and step), scored with softmax + cross-entropy. Masked (padding) steps never count.
 */
public enum ReadoutReduction {
    /** sparch: the sum over valid steps of softmax(u_t) over classes. */
    SUM_SOFTMAX,
    /** Zenke's tutorial: the maximum over valid steps of u_t, per class. */
    MAX,
    /** The mean over valid steps of u_t. */
    MEAN,
    /** u at the last valid step of each sample. */
    LAST,
    /**
     * No leaky readout: a spiking output layer (the hidden layers' neuron model, one neuron per
     * class) whose spike counts are scored by snnTorch's {@code mse_count_loss}
     * ({@link org.snnspark.models.dl4j.SpikeCountOutput}); the prediction is the most-firing output.
     */
    SPIKE_COUNT;

    /** True for the reductions of the leaky readout (everything but SPIKE_COUNT). */
    public boolean isLeakyReadout() {
        return this != SPIKE_COUNT;
    }
}
