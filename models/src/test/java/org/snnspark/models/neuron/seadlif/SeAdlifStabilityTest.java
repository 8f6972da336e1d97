package org.snnspark.models.neuron.seadlif;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snnspark.models.engine.ParamValues;
import org.snnspark.models.surrogate.Slayer;

/**
 * The point of the symplectic step: below threshold, SE-adLIF's (u, w) system decays for every
 * parameter in the reference's ranges, while the forward-Euler update of the same neuron (w from
 * u_{t-1}, the reference's EFAdLIF) grows at the slow-membrane, fast-adaptation, strong-coupling
 * corner. The linear map of one step has determinant alpha beta for the symplectic update and
 * alpha beta + (1 - alpha) (1 - beta) q a for forward Euler, which passes 1 there.
 */
class SeAdlifStabilityTest {
  private static final int STEPS = 3000;
  private static final double Q = 120;

  /** The corners of the ranges: tau_u in {5, 25}, tau_w in {60, 300}, a in {0, 1}, b in {0, 2}. */
  private static double[][] corners() {
    double[][] p = new double[4][16];
    for (int i = 0; i < 16; i++) {
      p[0][i] = Math.exp(-1 / ((i & 1) == 0 ? 5.0 : 25.0));
      p[1][i] = Math.exp(-1 / ((i & 2) == 0 ? 60.0 : 300.0));
      p[2][i] = (i & 4) == 0 ? 0.0 : 1.0;
      p[3][i] = (i & 8) == 0 ? 0.0 : 2.0;
    }
    return p;
  }

  @Test
  void anImpulseDiesOutAtEveryCornerOfTheParameterRanges() {
    double[][] p = corners();
    int n = p[0].length;
    // a threshold no membrane reaches: the linear sub-threshold dynamics alone
    SeAdlifKernel k = new SeAdlifKernel(n, false, 1e9, Q, true, new Slayer(5));
    k.setParameters(ParamValues.of(SeAdlifLayer.TAU_U, p[0]).with(SeAdlifLayer.TAU_W, p[1])
        .with(SeAdlifLayer.A, p[2]).with(SeAdlifLayer.B, p[3]), null);
    double[] drive = new double[STEPS * n];
    for (int j = 0; j < n; j++) {
      drive[j] = 100.0;
    }
    k.forward(drive, 1, STEPS, null);
    for (int j = 0; j < n; j++) {
      double start = Math.abs(k.membrane()[j]);
      double end = Math.abs(k.membrane()[(STEPS - 1) * n + j]) + Math.abs(k.adaptation()[(STEPS - 1) * n + j]);
      assertTrue(start > 1, "neuron " + j + " was driven");
      assertTrue(end < 1e-6 * start, "neuron " + j + ": |u| + |w| = " + end + " after " + STEPS + " steps");
    }
  }

  /** The contrast: forward Euler at tau_u 25, tau_w 60, a 1 (the reference's EFAdLIF update). */
  @Test
  void forwardEulerGrowsAtTheStrongCouplingCorner() {
    double alpha = Math.exp(-1 / 25.0);
    double beta = Math.exp(-1 / 60.0);
    double u = (1 - alpha) * 100.0;
    double w = 0;
    for (int t = 1; t < STEPS; t++) {
      double wNext = beta * w + (1 - beta) * Q * u;
      u = alpha * u - (1 - alpha) * w;
      w = wNext;
    }
    assertTrue(Math.abs(u) + Math.abs(w) > 1e6, "|u| + |w| = " + (Math.abs(u) + Math.abs(w)));
  }
}
