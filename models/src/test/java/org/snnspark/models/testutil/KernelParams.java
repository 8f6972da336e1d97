package org.snnspark.models.testutil;

import org.snnspark.models.dl4j.MembraneDecayLayer;
import org.snnspark.models.engine.NeuronKernel;
import org.snnspark.models.engine.ParamValues;
import org.snnspark.models.neuron.alif.AlifKernel;
import org.snnspark.models.neuron.alif.AlifLayer;
import org.snnspark.models.neuron.cuba.CubaKernel;
import org.snnspark.models.neuron.lif.LifKernel;
import org.snnspark.models.neuron.lif.LifLayer;
import org.snnspark.models.neuron.lif.Nd4jLifKernel;
import org.snnspark.models.neuron.seadlif.SeAdlifKernel;
import org.snnspark.models.neuron.seadlif.SeAdlifLayer;

/**
 * Names the per-neuron parameter arrays the kernel tests write in their model's usual order (LIF:
 * a, b, A, B; ALIF: tau_m's and tau_adp's decays; SE-adLIF: tau_u's and tau_w's decays, a, b; Leaky
 * and single-spike: beta), sharing the arrays,
 * so gradients a kernel accumulates land in the test's own arrays.
 */
public final class KernelParams {
  private KernelParams() {
  }

  public static ParamValues of(NeuronKernel kernel, double[][] arrays) {
    String[] names;
    if (kernel instanceof LifKernel || kernel instanceof Nd4jLifKernel) {
      names = new String[]{LifLayer.ALPHA, LifLayer.BETA, LifLayer.A, LifLayer.B};
    } else if (kernel instanceof AlifKernel) {
      names = new String[]{AlifLayer.TAU_M, AlifLayer.TAU_ADP};
    } else if (kernel instanceof SeAdlifKernel) {
      names = new String[]{SeAdlifLayer.TAU_U, SeAdlifLayer.TAU_W, SeAdlifLayer.A, SeAdlifLayer.B};
    } else if (kernel instanceof CubaKernel) {
      names = new String[0];
    } else {
      names = new String[]{MembraneDecayLayer.BETA};
    }
    ParamValues p = ParamValues.none();
    for (int i = 0; i < arrays.length; i++) {
      p.with(names[i], arrays[i]);
    }
    return p;
  }
}
