package org.snnspark.models.neuron.lif;

import java.util.List;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NeuronModel;
import org.snnspark.models.surrogate.SurrogateKind;

/**
 * sparch's LIF family: LIF, RLIF (recurrent), adLIF (adaptive) and RadLIF (both). Per neuron and
 * step, with drive_t = W x_t (+ bias, batch-normalised when asked):
 * <pre>
 *   w_t = b w_{t-1} + A u_{t-1} + B s_{t-1}                               (adaptive only)
 *   u_t = a (u_{t-1} - s_{t-1}) + (1 - a) (drive_t + s_{t-1} V - w_t)      (V: recurrent only)
 *   s_t = f(u_t - threshold)
 * </pre>
 * Trained per neuron: the membrane decay a ("alpha"), and for adaptive models the adaptation decay
 * b ("beta") and couplings A and B, each uniform in sparch's range at the start and clamped to it
 * ({@link LifLayer}). V starts orthogonal with a zero diagonal that stays zero. Threshold 1, boxcar
 * surrogate. No options of its own. State: u, s, and w (adaptive). Forward and backward:
 * {@link LifKernel} (Java loops, the CPU's) and {@link Nd4jLifKernel} (ND4J operations, other
 * backends).
 */
public final class LifModel extends NeuronModel {
  /** Leaky integrate-and-fire (sparch LIF): membrane decay only. */
  public static final NeuronType LIF = NeuronType.declare("LIF", false, false);
  /** LIF with recurrent weights V (zero diagonal) on the previous step's spikes. */
  public static final NeuronType RLIF = NeuronType.declare("RLIF", true, false);
  /** Adaptive LIF (sparch adLIF): a second state w with sub-threshold (A) and spike (B) coupling. */
  public static final NeuronType ADLIF = NeuronType.declare("ADLIF", false, true);
  /** Recurrent adaptive LIF (sparch RadLIF). */
  public static final NeuronType RADLIF = NeuronType.declare("RADLIF", true, true);
  public static final List<NeuronType> TYPES = List.of(LIF, RLIF, ADLIF, RADLIF);
  public static final SurrogateKind SURROGATE = SurrogateKind.BOXCAR;
  public static final double THRESHOLD = 1.0;

  public LifModel() {
    super("sparch LIF", TYPES, SURROGATE, THRESHOLD, List.of());
  }

  @Override
  public BaseSpikingLayer.Builder<?> layer(NeuronType type, ModelSpec spec) {
    return new LifLayer.Builder().neuronType(type);
  }

  @Override
  public boolean adapts(NeuronType type) {
    return type.isAdaptive();
  }
}
