package org.snnspark.models.neuron.alif;

import java.util.List;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.ModelOption;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NeuronModel;
import org.snnspark.models.surrogate.SurrogateKind;

/**
 * The adaptive-threshold LIF of Yin, Corradi and Bohte (2021), recurrent like their SRNN, as
 * {@code mem_update_adp} of byin-cwi/Efficient-spiking-networks, SHD/SHD_2layer_ALIF.py (R_m = 1):
 * <pre>
 *   b_t = rho b_{t-1} + (1 - rho) s_{t-1}
 *   B_t = b0 + beta_a b_t                                          (adaptive threshold)
 *   u_t = alpha u_{t-1} + (1 - alpha) (drive_t + s_{t-1} V) - B_t s_{t-1} dt
 *   s_t = f(u_t - B_t)
 * </pre>
 * Trained per neuron: the time constants tau_m ("tauM") and tau_adp ("tauAdp"), used as
 * alpha = exp(-dt / tau_m) and rho = exp(-dt / tau_adp). The reference's values are the defaults:
 * b0 = 0.01 (the threshold setting), beta_a = 1.8, tau_m ~ N(20, 5), tau_adp ~ N(150, 10), V
 * orthogonal, multi-Gaussian surrogate. State: u, b, s; b starts at b0 as in Yin's code. Forward
 * and backward: {@link AlifKernel}.
 */
public final class AlifModel extends NeuronModel {
  /** Adaptive-threshold LIF of Yin et al. (2021), recurrent as their SRNN, trained time constants. */
  public static final NeuronType ALIF = NeuronType.declare("ALIF", true, false);
  public static final List<NeuronType> TYPES = List.of(ALIF);
  public static final SurrogateKind SURROGATE = SurrogateKind.MULTI_GAUSSIAN;
  /** b0, the rest value of the adaptive threshold (Yin's b_j0). */
  public static final double THRESHOLD = 0.01;
  public static final ModelOption<Double> TAU_MEM = ModelOption.positive("tauMem", 20.0,
      "mean of the initial tau_m, ms (trained)");
  public static final ModelOption<Double> TAU_ADAPT = ModelOption.positive("tauAdapt", 150.0,
      "mean of the initial tau_adp, ms (trained)");

  public AlifModel() {
    super("Yin's adaptive-threshold LIF", TYPES, SURROGATE, THRESHOLD, List.of(TAU_MEM, TAU_ADAPT));
  }

  @Override
  public BaseSpikingLayer.Builder<?> layer(NeuronType type, ModelSpec spec) {
    return new AlifLayer.Builder().dt(spec.getDt())
        .tauMInit(TAU_MEM.in(spec), AlifLayer.DEFAULT_TAU_M_STD)
        .tauAdpInit(TAU_ADAPT.in(spec), AlifLayer.DEFAULT_TAU_ADP_STD);
  }

  @Override
  public String thresholdMeaning() {
    return "its rest value b0";
  }

  @Override
  public boolean adapts(NeuronType type) {
    return true;
  }
}
