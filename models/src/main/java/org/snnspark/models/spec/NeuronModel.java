package org.snnspark.models.spec;

import java.util.List;
import java.util.Objects;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.neuron.NeuronFamily;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.surrogate.SurrogateKind;

/**
 * One neuron model, as its folder under {@code org.snnspark.models.neuron} declares it: the
 * {@link NeuronType}s it serves, declared as its own constants (a model and its recurrent or
 * adaptive variants share equations, layer and kernels), the reference implementation's surrogate
 * and threshold, the model's own options, and the layer factory. The equations are in the
 * subclass's Javadoc; the layer configuration beside it creates the kernels (forward and backward)
 * on every executor.
 * <p>
 * A model is registered by one line in {@code META-INF/services/org.snnspark.models.neuron.NeuronFamily}
 * ({@link NeuronFamily} says why a services file).
 */
public abstract class NeuronModel implements NeuronFamily {
  private final String name;
  private final List<NeuronType> types;
  private final SurrogateKind surrogate;
  private final double threshold;
  private final List<ModelOption<?>> options;

  protected NeuronModel(String name, List<NeuronType> types, SurrogateKind surrogate, double threshold,
              List<ModelOption<?>> options) {
    this.name = Objects.requireNonNull(name, "name");
    this.types = List.copyOf(types);
    this.surrogate = Objects.requireNonNull(surrogate, "surrogate");
    this.threshold = threshold;
    this.options = List.copyOf(options);
    if (this.types.isEmpty()) {
      throw new IllegalArgumentException(name + " serves no neuron type");
    }
  }

  /** What the model is called in help texts. */
  public String name() {
    return name;
  }

  @Override
  public List<NeuronType> types() {
    return types;
  }

  /** The surrogate gradient the reference implementation uses. */
  public SurrogateKind surrogate() {
    return surrogate;
  }

  /** The reference implementation's firing threshold. */
  public double threshold() {
    return threshold;
  }

  /** What the threshold setting is in this model, when it is not simply the firing threshold; else "". */
  public String thresholdMeaning() {
    return "";
  }

  /** The settings of this model besides those every spiking layer has. */
  public List<ModelOption<?>> options() {
    return options;
  }

  /**
   * A layer builder of {@code type} with this model's options as {@code spec} sets them; the
   * settings every spiking layer shares (size, threshold, surrogate, dropout ...) are the
   * caller's.
   */
  public abstract BaseSpikingLayer.Builder<?> layer(NeuronType type, ModelSpec spec);

  /**
   * True when a neuron carries an adaptation state besides its membrane (sparch's adLIF,
   * Yin's adaptive threshold): two more arrays per neuron and step in memory estimates.
   */
  public boolean adapts(NeuronType type) {
    return false;
  }

  /** True when a neuron fires at most once per sequence, so its firing rate is at most 1 / T. */
  public boolean firesAtMostOnce() {
    return false;
  }

  @Override
  public String toString() {
    return name + types;
  }
}
