package org.snnspark.models.dl4j;

/** A layer configuration whose input product can have learnable synaptic delays: the spiking layers and the leaky readout. */
public interface DelayedLayer {
  DelaySettings getDelays();
}
