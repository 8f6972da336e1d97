package org.snnspark.models.spec;

/**
 * How the non-spiking leaky-integrator readout turns its membrane trace u_t (one value per class
 * and step) into one score per class. Masked (padding) steps never count.
 */
public enum ReadoutReduction {
    /** sparch: the sum over valid steps of softmax(u_t) over classes. */
    SUM_SOFTMAX,
    /** Zenke's tutorial: the maximum over valid steps of u_t, per class. */
    MAX,
    /** The mean over valid steps of u_t. */
    MEAN,
    /** u at the last valid step of each sample. */
    LAST
}
