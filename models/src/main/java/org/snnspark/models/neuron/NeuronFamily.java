package org.snnspark.models.neuron;

import java.util.List;

/**
 * A neuron model as the lookup of {@link NeuronType}s sees it: the types it declares and serves.
 * Every neuron model is one ({@code org.snnspark.models.spec.NeuronModel}); registering a model is
 * one line, its class's name, in {@code META-INF/services/org.snnspark.models.neuron.NeuronFamily}.
 * <p>
 * Why a services file and not a list in code: a model's folder uses the layer base class
 * ({@code dl4j}) and {@code spec}, which both use this package; a list here naming the models'
 * classes would make this package use them back, a package cycle. The services file names them
 * outside the code. The application jar's shade plugin merges services files
 * ({@code ServicesResourceTransformer} in pipeline's pom).
 */
public interface NeuronFamily {
  /** The types this model builds layers for, in the order {@code --help} lists them. */
  List<NeuronType> types();
}
