package org.snnspark.models.neuron.leaky;

import java.util.List;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.ModelOption;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NeuronModel;
import org.snnspark.models.surrogate.SurrogateKind;

/**
 * snnTorch's Leaky (LEAKY) and RLeaky (RLEAKY) with its defaults (reset_mechanism "subtract",
 * reset_delay True; jeshraghian/snntorch, snntorch/_neurons/leaky.py and rleaky.py): the reset
 * signal is the spike of the previous step, recomputed from the previous membrane by
 * {@code mem_reset} and detached.
 * <pre>
 *   mem_t = beta mem_{t-1} + drive_t + s_{t-1} V - s_{t-1} threshold       (V: RLeaky only)
 *   s_t   = f(mem_t - threshold)
 * </pre>
 * beta is one constant, or with learn_beta a trained parameter per neuron; clamped to [0, 1] in use
 * either way, as snnTorch does. Threshold 1, ATan surrogate (alpha 2). V is snnTorch's all-to-all
 * recurrent nn.Linear, starting from the layer's weight init. State: mem, s. Forward and backward:
 * {@link LeakyKernel}.
 */
public final class LeakyModel extends NeuronModel {
  /** snnTorch's Leaky: first-order LIF, subtractive reset. */
  public static final NeuronType LEAKY = NeuronType.declare("LEAKY", false, false);
  /** snnTorch's RLeaky: Leaky with an all-to-all recurrent linear map of the spikes. */
  public static final NeuronType RLEAKY = NeuronType.declare("RLEAKY", true, false);
  public static final List<NeuronType> TYPES = List.of(LEAKY, RLEAKY);
  public static final SurrogateKind SURROGATE = SurrogateKind.ATAN;
  public static final double THRESHOLD = 1.0;
  /** snnTorch has no default beta; 0.95 is its tutorials' value. */
  public static final ModelOption<Double> BETA = ModelOption.fraction("leakyBeta", 0.95,
      "membrane decay beta in [0, 1]");
  public static final ModelOption<Boolean> LEARN_BETA = ModelOption.flag("learnBeta", false,
      "train beta, one per neuron (snnTorch's learn_beta)");

  public LeakyModel() {
    super("snnTorch's Leaky", TYPES, SURROGATE, THRESHOLD, List.of(BETA, LEARN_BETA));
  }

  @Override
  public BaseSpikingLayer.Builder<?> layer(NeuronType type, ModelSpec spec) {
    return new LeakyLayer.Builder().neuronType(type).learnBeta(LEARN_BETA.in(spec)).beta(BETA.in(spec));
  }
}
