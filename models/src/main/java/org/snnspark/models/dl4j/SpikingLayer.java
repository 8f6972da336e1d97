package org.snnspark.models.dl4j;

/**
 * Activity reporting of a spiking layer implementation, about its last forward pass (training or
 * inference). Counts are of the layer's own spikes over valid (unmasked) steps, before dropout.
 */
public interface SpikingLayer {

    /** Mean spikes per neuron and valid step over the minibatch, NaN before the first forward pass. */
    double lastFiringRate();

    /** Total spikes (over neurons and valid steps) of each sample of the last minibatch. */
    double[] lastSpikeCountsPerSample();

    /**
     * Membrane potential of one sample's neurons over the steps of the last forward pass,
     * [neuron][step] (the forward direction of a bidirectional layer); null before any pass.
     */
    double[][] lastMembrane(int sample);
}
