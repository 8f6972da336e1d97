package org.snnspark.models.neuron.cuba;

import java.util.List;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.ModelOption;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NeuronModel;
import org.snnspark.models.surrogate.SurrogateKind;

/**
 * Current-based LIF of Zenke's SpyTorch tutorial (CUBA_LIF, and RCUBA_LIF with the tutorial's
 * recurrent weights), in the tutorial's exact order of operations ({@code run_snn} of
 * fzenke/spytorch, notebooks/SpyTorchTutorial2.ipynb): in each step the spike is read off the
 * membrane <em>before</em> the update, and the membrane integrates the synaptic current of the step
 * before. With S_t, M_t the current and membrane after step t:
 * <pre>
 *   s_t = f(M_{t-1} - threshold)
 *   S_t = alpha S_{t-1} + drive_t + s_{t-1} V                    (V: recurrent only)
 *   M_t = (beta M_{t-1} + S_{t-1}) (1 - s_t)                     (reset by multiplication)
 * </pre>
 * so an input reaches the spikes two steps later, as in the tutorial's {@code spk_rec}.
 * alpha = exp(-dt / tau_syn) and beta = exp(-dt / tau_mem) are fixed constants, as in the tutorial;
 * no trained per-neuron parameters. The tutorial does not backpropagate through the reset
 * ({@code rst = out.detach()}); that is the default ({@link CubaLifLayer#isDetachReset()}).
 * Threshold 1, fast-sigmoid surrogate of scale 100. V starts from the layer's weight init,
 * self-connections included. State: S, M, s. Forward and backward: {@link CubaKernel}.
 */
public final class CubaModel extends NeuronModel {
  /** Current-based LIF with a synaptic current (Zenke's SpyTorch tutorial), reset by multiplication. */
  public static final NeuronType CUBA_LIF = NeuronType.declare("CUBA_LIF", false, false);
  /** CUBA_LIF with recurrent weights V (the tutorial's {@code v1}). */
  public static final NeuronType RCUBA_LIF = NeuronType.declare("RCUBA_LIF", true, false);
  public static final List<NeuronType> TYPES = List.of(CUBA_LIF, RCUBA_LIF);
  public static final SurrogateKind SURROGATE = SurrogateKind.FAST_SIGMOID;
  public static final double THRESHOLD = 1.0;
  public static final ModelOption<Double> TAU_MEM = ModelOption.positive("tauMem", 10.0,
      "membrane time constant tau_mem, ms (fixed)");
  public static final ModelOption<Double> TAU_SYN = ModelOption.positive("tauSyn", 5.0,
      "synaptic time constant tau_syn, ms (fixed)");

  public CubaModel() {
    super("Zenke's current-based LIF", TYPES, SURROGATE, THRESHOLD, List.of(TAU_MEM, TAU_SYN));
  }

  @Override
  public BaseSpikingLayer.Builder<?> layer(NeuronType type, ModelSpec spec) {
    return new CubaLifLayer.Builder().neuronType(type).dt(spec.getDt())
        .tauMem(TAU_MEM.in(spec)).tauSyn(TAU_SYN.in(spec));
  }
}
