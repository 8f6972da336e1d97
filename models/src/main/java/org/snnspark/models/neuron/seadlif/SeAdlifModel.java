package org.snnspark.models.neuron.seadlif;

import java.util.List;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.ModelOption;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NeuronModel;
import org.snnspark.models.surrogate.SurrogateKind;

/**
 * SE-adLIF of Baronig, Ferrand, Sabathiel &amp; Legenstein, "Advancing spatio-temporal processing
 * through adaptation in spiking neural networks" (Nature Communications 2025), as {@code SEAdLIF}
 * of IGITUGraz/SE-adlif (models/alif.py): the adaptive LIF discretised by symplectic Euler, so the
 * adaptation w is updated from the membrane of the same step, after its reset. Per neuron and
 * step, with drive_t = W x_t + bias (+ s_{t-1} V, recurrent only):
 * <pre>
 *   u'_t = alpha u_{t-1} + (1 - alpha) (drive_t - w_{t-1})
 *   s_t  = f(u'_t - threshold)
 *   u_t  = u'_t (1 - s_t)                                    (reset; its gradient detached)
 *   w_t  = beta w_{t-1} + (1 - beta) q (a u_t + b s_t)
 * </pre>
 * sparch's forward-Euler adLIF couples w_t to u_{t-1} instead, which lets the membrane oscillate
 * with a growing amplitude at slow membranes and strong, fast adaptation; the symplectic step
 * decays there (SeAdlifStabilityTest).
 * <p>
 * Trained per neuron: alpha = exp(-dt / tau_u) with tau_u = tau_u,min + r_u (tau_u,max -
 * tau_u,min), the same for beta and tau_w ("tauU", "tauW": the weights r in [0, 1], the reference's
 * {@code InterpolationTrainer}), the couplings a in [0, 1] and b in [0, 2]; all start uniform in
 * their ranges and are clamped to them in use. q (120) scales a and b: the paper's
 * reparametrisation, which keeps the trained a and b of order 1 while the coupling is strong. The
 * reference's values are the defaults: tau_u in [5, 25] and tau_w in [60, 300] time steps (here ms,
 * with dt in ms: set the ranges to steps x bin width), threshold 1, SLAYER surrogate (alpha 5, c
 * 0.4), V orthogonal with its diagonal trained, zero initial state. The reference detaches the
 * spike in the reset but not in w's b s_t; so does the default here ({@link
 * SeAdlifLayer#isDetachReset()}). State: u (after the reset), w, s. Forward and backward: {@link
 * SeAdlifKernel}.
 */
public final class SeAdlifModel extends NeuronModel {
  /**
   * SE-adLIF of Baronig, Ferrand, Sabathiel &amp; Legenstein (2025): adaptive LIF discretised by
   * symplectic Euler (the adaptation reads the freshly updated membrane), feed-forward.
   */
  public static final NeuronType SE_ADLIF = NeuronType.declare("SE_ADLIF", false, false);
  /** SE-adLIF with recurrent weights V on the previous step's spikes, as in the paper's SHD network. */
  public static final NeuronType RSE_ADLIF = NeuronType.declare("RSE_ADLIF", true, false);
  public static final List<NeuronType> TYPES = List.of(SE_ADLIF, RSE_ADLIF);
  public static final SurrogateKind SURROGATE = SurrogateKind.SLAYER;
  public static final double THRESHOLD = 1.0;
  public static final ModelOption<Double> TAU_MEM_MIN = ModelOption.positive("tauMemMin", 5.0,
      "lower end of the trained membrane tau_u, ms");
  public static final ModelOption<Double> TAU_MEM_MAX = ModelOption.positive("tauMemMax", 25.0,
      "upper end of tau_u, ms");
  public static final ModelOption<Double> TAU_ADAPT_MIN = ModelOption.positive("tauAdaptMin", 60.0,
      "lower end of the trained adaptation tau_w, ms");
  public static final ModelOption<Double> TAU_ADAPT_MAX = ModelOption.positive("tauAdaptMax", 300.0,
      "upper end of tau_w, ms");
  public static final ModelOption<Double> ADAPT_SCALE = ModelOption.positive("adaptScale", 120.0,
      "q, the scale of the adaptation couplings a and b");

  public SeAdlifModel() {
    super("SE-adLIF (Baronig et al.)", TYPES, SURROGATE, THRESHOLD,
        List.of(TAU_MEM_MIN, TAU_MEM_MAX, TAU_ADAPT_MIN, TAU_ADAPT_MAX, ADAPT_SCALE));
  }

  @Override
  public BaseSpikingLayer.Builder<?> layer(NeuronType type, ModelSpec spec) {
    return new SeAdlifLayer.Builder().neuronType(type).dt(spec.getDt())
        .tauURange(TAU_MEM_MIN.in(spec), TAU_MEM_MAX.in(spec))
        .tauWRange(TAU_ADAPT_MIN.in(spec), TAU_ADAPT_MAX.in(spec))
        .q(ADAPT_SCALE.in(spec));
  }

  @Override
  public boolean adapts(NeuronType type) {
    return true;
  }
}
