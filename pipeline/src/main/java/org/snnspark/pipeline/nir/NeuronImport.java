package org.snnspark.pipeline.nir;

import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.neuron.cuba.CubaLifLayer;
import org.snnspark.models.neuron.cuba.CubaModel;
import org.snnspark.models.neuron.leaky.LeakyLayer;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.neuron.lif.LifModel;

/**
 * The spiking layer for a NIR neuron node, the inverse of {@link NeuronExport} for a step of dt
 * seconds. A node we wrote names its model in its metadata; another tool's LIF is sparch's LIF
 * when r = 1 and snnTorch's Leaky when r = tau / dt (the two gains our models have). Our layers
 * take one threshold, v_leak 0 and v_reset 0; CuBa-LIF also one pair of time constants per layer.
 * The layer's per-neuron decays are returned alongside, to be set as its parameters.
 */
final class NeuronImport {
  /** Relative: files from torch hold r and tau in float32, so r = tau / dt holds to its rounding. */
  private static final double TOLERANCE = 1e-6;

  /** A layer configuration and, for models with per-neuron decays, those decays (else null). */
  record Built(BaseSpikingLayer layer, String decayKey, double[] decays) {}

  private NeuronImport() {}

  static Built layer(NirNode node, String where, double dt, boolean recurrent) {
    int n = (int) node.field("v_threshold").size();
    String[] same = node.type().equals(NirTypes.LIF)
        ? new String[] {"tau", "r", "v_leak", "v_threshold", "v_reset"}
        : new String[] {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in"};
    for (String f : same) {
      if (node.fields().containsKey(f) && node.field(f).size() != n) {
        throw new NirException(where + ": field " + f + " has " + node.field(f).size() + " values, v_threshold " + n);
      }
    }
    zero(node, "v_leak", where);
    zero(node, "v_reset", where);
    double threshold = uniform(node, "v_threshold", where);
    if (node.type().equals(NirTypes.CUBA_LIF)) {
      return cuba(node, where, dt, recurrent, threshold);
    }
    double[] decay = new double[n];
    boolean unitR = true;
    boolean tauOverDt = true;
    for (int j = 0; j < n; j++) {
      double tau = node.field("tau").get(j);
      double r = node.field("r").get(j);
      if (!(tau > 0)) {
        throw new NirException(where + ": tau[" + j + "] = " + tau + ", must be > 0");
      }
      decay[j] = EulerDecay.decay(tau, dt);
      if (!(decay[j] >= 0 && decay[j] < 1)) {
        throw new NirException(where + ": tau[" + j + "] = " + tau + " gives a decay 1 - dt/tau = " + decay[j]
            + " outside [0, 1) at dt " + dt);
      }
      unitR &= close(r, 1.0);
      tauOverDt &= close(r, tau / dt);
    }
    String named = (String) node.metadata().get(NeuronExport.NEURON_KEY);
    boolean leaky = named != null ? named.endsWith("LEAKY") : !unitR && tauOverDt;
    if (leaky ? !tauOverDt : !unitR) {
      throw new NirException(where + ": r must be 1 (sparch LIF, u = a u + (1 - a) I) or tau / dt"
          + " (snnTorch Leaky, u = b u + I) with dt " + dt + "; got r[0] = " + node.field("r").get(0));
    }
    if (leaky) {
      boolean one = java.util.Arrays.stream(decay).allMatch(d -> d == decay[0]);
      LeakyLayer.Builder b = new LeakyLayer.Builder()
          .neuronType(recurrent ? LeakyModel.RLEAKY : LeakyModel.LEAKY)
          .learnBeta(!one).beta(decay[0]);
      b.nOut(n).threshold(threshold);
      return new Built(b.build(), one ? null : LeakyLayer.BETA, one ? null : decay);
    }
    LifLayer layer = new LifLayer.Builder().neuronType(recurrent ? LifModel.RLIF : LifModel.LIF)
        .nOut(n).threshold(threshold).build();
    // the clamp range must hold what was trained elsewhere
    layer.setAlphaMin(Math.min(LifLayer.ALPHA_MIN, java.util.Arrays.stream(decay).min().orElse(1)));
    layer.setAlphaMax(Math.max(LifLayer.ALPHA_MAX, java.util.Arrays.stream(decay).max().orElse(0)));
    return new Built(layer, LifLayer.ALPHA, decay);
  }

  private static Built cuba(NirNode node, String where, double dt, boolean recurrent, double threshold) {
    double tauSyn = uniform(node, "tau_syn", where);
    double tauMem = uniform(node, "tau_mem", where);
    double r = uniform(node, "r", where);
    double wIn = node.fields().containsKey("w_in") ? uniform(node, "w_in", where) : 1.0;
    if (!close(r, tauMem / dt) || !close(wIn, tauSyn / dt)) {
      throw new NirException(where + ": CuBa-LIF needs r = tau_mem / dt and w_in = tau_syn / dt"
          + " (S = al S + I, M = be M + S) with dt " + dt + "; got r " + r + ", w_in " + wIn);
    }
    double alpha = EulerDecay.decay(tauSyn, dt);
    double beta = EulerDecay.decay(tauMem, dt);
    if (!(alpha > 0 && beta > 0)) {
      throw new NirException(where + ": tau_syn and tau_mem must exceed dt " + dt + " (decay per step > 0)");
    }
    // the layer decays by exp(-dt / tau): dt of one step and the matching time constants
    CubaLifLayer layer = new CubaLifLayer.Builder()
        .neuronType(recurrent ? CubaModel.RCUBA_LIF : CubaModel.CUBA_LIF)
        .dt(1.0).tauSyn(EulerDecay.exponentialTau(alpha)).tauMem(EulerDecay.exponentialTau(beta))
        .nOut(node.field("v_threshold").size()).threshold(threshold).build();
    return new Built(layer, null, null);
  }

  private static void zero(NirNode node, String field, String where) {
    if (!node.fields().containsKey(field)) {
      return;
    }
    NirArray a = node.field(field);
    for (int j = 0; j < a.size(); j++) {
      if (a.get(j) != 0) {
        throw new NirException(where + ": " + field + "[" + j + "] = " + a.get(j) + "; our neurons have "
            + field + " 0");
      }
    }
  }

  /** The one value every neuron of a field shares (our layers hold a scalar). */
  static double uniform(NirNode node, String field, String where) {
    NirArray a = node.field(field);
    for (int j = 1; j < a.size(); j++) {
      if (a.get(j) != a.get(0)) {
        throw new NirException(where + ": " + field + " differs between neurons (" + a.get(0) + ", "
            + a.get(j) + "); this layer type holds one value");
      }
    }
    return a.get(0);
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= TOLERANCE * Math.max(1.0, Math.abs(b));
  }
}
