package org.snnspark.pipeline.nir;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.dl4j.BaseSpikingLayer;
import org.snnspark.models.dl4j.MembraneDecayLayer;
import org.snnspark.models.dl4j.NeuronParam;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.neuron.alif.AlifModel;
import org.snnspark.models.neuron.cuba.CubaLifLayer;
import org.snnspark.models.neuron.leaky.LeakyLayer;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.neuron.seadlif.SeAdlifModel;
import org.snnspark.models.neuron.singlespike.SingleSpikeModel;

/**
 * The NIR neuron of one spiking layer, for a step of dt seconds (forward-Euler reading, see
 * {@link EulerDecay}; v_leak 0, v_reset 0 throughout):
 * <pre>
 *   LIF, RLIF (sparch)     u = a (u - s) + (1 - a) I    LIF     tau = dt/(1-a), r = 1
 *   LEAKY, RLEAKY (snnTorch) m = b m + I - s thr        LIF     tau = dt/(1-b), r = tau/dt
 *   CUBA_LIF, RCUBA_LIF    S = al S + I; M = be M + S   CubaLIF tau_syn = dt/(1-al), w_in = tau_syn/dt,
 *                                                               tau_mem = dt/(1-be), r = tau_mem/dt
 * </pre>
 * The node's metadata names our neuron model, so that importing the file rebuilds the same layer
 * (NIR's LIF resets to v_reset; ours subtract the threshold, as snnTorch's, which exports its Leaky
 * to the same LIF). Models without a NIR neuron are an error naming the layer and what NIR lacks.
 */
final class NeuronExport {
  /** Node metadata key naming the neuron model of this project the node came from. */
  static final String NEURON_KEY = "snn_spark_neuron";

  private NeuronExport() {}

  static NirNode node(BaseSpikingLayer layer, Map<String, INDArray> params, double dt, String where) {
    NeuronType type = layer.neuronType();
    int n = (int) layer.getNOut();
    if (layer instanceof LifLayer lif && !lif.isAdaptive()) {
      double[] a = effective(layer, LifLayer.ALPHA, params, n);
      return lif(type, taus(a, dt, where), ones(n), layer.getThreshold());
    }
    if (layer instanceof LeakyLayer leaky) {
      double[] b = leaky.isLearnBeta() ? effective(layer, MembraneDecayLayer.BETA, params, n)
          : filled(n, Math.min(1, Math.max(0, leaky.getBeta())));
      double[] tau = taus(b, dt, where);
      double[] r = new double[n];
      for (int j = 0; j < n; j++) {
        r[j] = tau[j] / dt;
      }
      return lif(type, tau, r, layer.getThreshold());
    }
    if (layer instanceof CubaLifLayer cuba) {
      double[] tauSyn = taus(filled(n, Math.exp(-cuba.getDt() / cuba.getTauSyn())), dt, where);
      double[] tauMem = taus(filled(n, Math.exp(-cuba.getDt() / cuba.getTauMem())), dt, where);
      double[] wIn = new double[n];
      double[] r = new double[n];
      for (int j = 0; j < n; j++) {
        wIn[j] = tauSyn[j] / dt;
        r[j] = tauMem[j] / dt;
      }
      return new NirNode(NirTypes.CUBA_LIF)
          .with("tau_syn", vec(tauSyn)).with("tau_mem", vec(tauMem)).with("r", vec(r))
          .with("v_leak", vec(new double[n])).with("v_threshold", vec(filled(n, layer.getThreshold())))
          .with("v_reset", vec(new double[n])).with("w_in", vec(wIn))
          .withMetadata(NEURON_KEY, type.name());
    }
    throw new NirException(where + " (" + type + "): " + missing(type));
  }

  /** What NIR lacks to express a neuron model we have but do not export. */
  private static String missing(NeuronType type) {
    if (type.isAdaptive() || type == AlifModel.ALIF) {
      return "NIR has no adaptive neuron (an adaptation variable feeding back into the membrane or threshold)";
    }
    if (type == SeAdlifModel.SE_ADLIF || type == SeAdlifModel.RSE_ADLIF) {
      return "NIR has no adaptive neuron (SE-adLIF's adaptation current, discretised by symplectic Euler)";
    }
    if (type == SingleSpikeModel.SINGLE_SPIKE) {
      return "NIR has no neuron that fires at most once per sequence";
    }
    return "no NIR primitive for this neuron model";
  }

  private static NirNode lif(NeuronType type, double[] tau, double[] r, double threshold) {
    int n = tau.length;
    return new NirNode(NirTypes.LIF)
        .with("tau", vec(tau)).with("r", vec(r)).with("v_leak", vec(new double[n]))
        .with("v_threshold", vec(filled(n, threshold))).with("v_reset", vec(new double[n]))
        .withMetadata(NEURON_KEY, type.name());
  }

  /** The decays the kernel uses: the stored parameter through its clamp. */
  private static double[] effective(BaseSpikingLayer layer, String key, Map<String, INDArray> params, int n) {
    NeuronParam p = layer.neuronParams().stream().filter(q -> q.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalStateException(layer + " has no parameter " + key));
    INDArray raw = params.get(key);
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      out[j] = p.effective(raw.getDouble(j));
    }
    return out;
  }

  private static double[] taus(double[] decay, double dt, String where) {
    double[] tau = new double[decay.length];
    for (int j = 0; j < decay.length; j++) {
      if (!(decay[j] < 1)) {
        throw new NirException(where + ": neuron " + j + " has decay " + decay[j]
            + " (no leak): NIR's LIF needs a finite tau");
      }
      tau[j] = EulerDecay.tau(decay[j], dt);
    }
    return tau;
  }

  static NirArray vec(double[] v) {
    return NirArray.vector(v, NirArray.Dtype.FLOAT64);
  }

  static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private static double[] ones(int n) {
    return filled(n, 1.0);
  }
}
