package org.snnspark.models.neuron.singlespike;

import java.util.List;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.ModelOption;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NeuronModel;
import org.snnspark.models.surrogate.SurrogateKind;

/**
 * The single-spike-per-neuron layer of Taylor, King &amp; Harper, "Accelerating spiking neural
 * network training" (FastSNN; webstorms/FastSNN, {@code fastsnn/layers.py}, LinearFastLIFNeurons).
 * Nothing resets a neuron before its first spike and nothing after it is emitted, so the membrane is
 * the LIF membrane without reset, one causal linear filter of the drive, and the spike is the first
 * threshold crossing:
 * <pre>
 *   v_t = beta v_{t-1} + drive_t                 (v_{-1} = 0; drive = W x + b, no (1 - beta) factor)
 *   c_t = f(v_t - threshold)                     (crossings: Heaviside forward, surrogate f')
 *   a_t = a_{t-1} + c_t,   b_t = b_{t-1} + a_t   (FastSNN's two causal sums of c)
 *   s_t = g(b_t),  g(z) = relu(z (1 - z) + 1) z  (g(0) = 0, g(1) = 1, g(z >= 2) = 0)
 * </pre>
 * With binary c, b_t is 0 before the first crossing, 1 at it and at least 2 after, so s is one-hot
 * at the first crossing. The gradient is the reference's autograd through these formulas, exactly:
 * with g'(z) = 1 + 2z - 3z^2 inside the relu (g'(0) = 1, g'(1) = 0, 0 beyond),
 * <pre>
 *   e_t = dL/ds_t g'(b_t);  da_t = sum_{u >= t} e_u;  dc_t = sum_{u >= t} da_u
 *   lambda_t = dc_t f'(v_t - threshold) + beta lambda_{t+1};  dL/d(drive_t) = lambda_t
 *   dL/dbeta = sum_t lambda_t v_{t-1}
 * </pre>
 * beta is one constant per layer, or with learn_beta a trained parameter per neuron, clamped to
 * [0, 1] in use. Reference defaults: threshold 1, fast-sigmoid surrogate of scale 100, beta 0.9
 * (FastSNN's hidden_beta). Feed-forward only: a recurrent input would make the membrane depend on
 * the layer's own spikes and the filter would no longer be linear in the input. State: mem (v), a,
 * b, s. Forward and backward, the deviations from the reference and how the event-driven backward
 * pass exploits the single spike: {@link SingleSpikeKernel}.
 */
public final class SingleSpikeModel extends NeuronModel {
  /**
   * FastSNN's single-spike-per-neuron layer (Taylor, King &amp; Harper): reset-free LIF membrane
   * v_t = beta v_{t-1} + W x_t as one causal filter, spike only at the first threshold crossing.
   */
  public static final NeuronType SINGLE_SPIKE = NeuronType.declare("SINGLE_SPIKE", false, false);
  public static final List<NeuronType> TYPES = List.of(SINGLE_SPIKE);
  public static final SurrogateKind SURROGATE = SurrogateKind.FAST_SIGMOID;
  public static final double THRESHOLD = 1.0;
  /** FastSNN's BaseModel hidden_beta. */
  public static final ModelOption<Double> BETA = ModelOption.fraction("leakyBeta", 0.9,
      "membrane decay beta in [0, 1]");
  public static final ModelOption<Boolean> LEARN_BETA = ModelOption.flag("learnBeta", false,
      "train beta, one per neuron");

  public SingleSpikeModel() {
    super("FastSNN's single-spike layer", TYPES, SURROGATE, THRESHOLD, List.of(BETA, LEARN_BETA));
  }

  @Override
  public BaseSpikingLayer.Builder<?> layer(NeuronType type, ModelSpec spec) {
    return new SingleSpikeLayer.Builder().learnBeta(LEARN_BETA.in(spec)).beta(BETA.in(spec));
  }

  @Override
  public boolean firesAtMostOnce() {
    return true;
  }
}
