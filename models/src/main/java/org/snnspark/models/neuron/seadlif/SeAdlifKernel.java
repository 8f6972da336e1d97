package org.snnspark.models.neuron.seadlif;

import org.snnspark.models.engine.Buffers;
import org.snnspark.models.engine.LoopKernel;
import org.snnspark.models.engine.ParamValues;
import org.snnspark.models.surrogate.SpikeFunction;

/**
 * Forward and backward pass of SE-adLIF (equations in {@link SeAdlifModel}) as Java loops, the
 * BPTT step written beside the step it differentiates. Parameters: the decays alpha ("tauU") and
 * beta ("tauW") and the couplings a and b [n], already transformed and clamped by the layer.
 * State variables: u (after the reset), w, s; all start at zero, as the reference's
 * {@code initial_state}.
 */
public final class SeAdlifKernel extends LoopKernel {
  public static final int U = 0;
  public static final int W = 1;
  public static final int S = 2;

  private final double threshold;
  private final double q;
  private final boolean detachReset;
  private double[] alpha;
  private double[] beta;
  private double[] adaptA;
  private double[] adaptB;
  /** u'_t, the membrane before the reset: the spike's argument plus the threshold. */
  private double[] preReset;
  /** drive_t - w_{t-1}: what (1 - alpha) multiplies, so dL/dalpha needs it. */
  private double[] input;

  public SeAdlifKernel(int n, boolean recurrent, double threshold, double q, boolean detachReset,
                       SpikeFunction spikeFn) {
    super(n, recurrent, spikeFn, 3, S);
    this.threshold = threshold;
    this.q = q;
    this.detachReset = detachReset;
    // no lane form of this update: the scalar loops run whatever the surrogate
    this.simd = false;
  }

  @Override
  public void setParameters(ParamValues params, double[] v) {
    alpha = params.get(SeAdlifLayer.TAU_U);
    beta = params.get(SeAdlifLayer.TAU_W);
    adaptA = params.get(SeAdlifLayer.A);
    adaptB = params.get(SeAdlifLayer.B);
    setRecurrentWeights(v);
  }

  /** The order {@link #stepBack} accumulates in: alpha, beta, a, b. */
  @Override
  protected String[] parameterNames() {
    return new String[]{SeAdlifLayer.TAU_U, SeAdlifLayer.TAU_W, SeAdlifLayer.A, SeAdlifLayer.B};
  }

  @Override
  protected void prepare(int total) {
    preReset = Buffers.ensure(preReset, total);
    input = Buffers.ensure(input, total);
  }

  @Override
  protected void carry(int base, int po, boolean first) {
    // the carried spike keeps its argument: the recurrent adjoint's support test reads it
    for (int j = 0; j < n; j++) {
      preReset[base + j] = first ? 0.0 : preReset[po + j];
    }
  }

  @Override
  protected void step(double[] drive, int base, double[][] prev, int po, double[] rec) {
    double[] uP = prev[U];
    double[] wP = prev[W];
    double[] u = state[U];
    double[] w = state[W];
    double[] s = state[S];
    for (int j = 0; j < n; j++) {
      double in = drive[base + j];
      if (recurrent) {
        in += rec[j];
      }
      double wp = wP[po + j];
      double p = in - wp;
      double a = alpha[j];
      double pre = a * uP[po + j] + (1 - a) * p;
      double sj = spikeFn.spike(pre - threshold);
      double uj = pre * (1 - sj);
      double b = beta[j];
      input[base + j] = p;
      preReset[base + j] = pre;
      u[base + j] = uj;
      s[base + j] = sj;
      // symplectic Euler: w reads this step's membrane, after its reset
      w[base + j] = b * wp + (1 - b) * q * (adaptA[j] * uj + adaptB[j] * sj);
    }
  }

  @Override
  protected void stepBack(double[] gOut, double[] gDrive, int base, double[][] prev, int po, int c,
                          double[][] dParams) {
    double[] uP = prev[U];
    double[] wP = prev[W];
    double[] u = state[U];
    double[] s = state[S];
    double[] du = adj[U];
    double[] dw = adj[W];
    double[] ds = adj[S];
    for (int j = 0; j < n; j++) {
      double b = beta[j];
      double gw = dw[c + j];
      double uj = u[base + j];
      double sj = s[base + j];
      // w_t = beta w_{t-1} + (1 - beta) q (a u_t + b s_t)
      double k = (1 - b) * q;
      double gu = du[c + j] + gw * k * adaptA[j];
      double gs = gOut[base + j] + ds[c + j] + gw * k * adaptB[j];
      dParams[1][j] += gw * (wP[po + j] - q * (adaptA[j] * uj + adaptB[j] * sj));
      dParams[2][j] += gw * k * uj;
      dParams[3][j] += gw * k * sj;
      // u_t = u'_t (1 - s_t)
      double pre = preReset[base + j];
      if (!detachReset) {
        gs -= gu * pre;
      }
      double gPre = gu * (1 - sj) + gs * spikeFn.derivative(pre - threshold);
      // u'_t = alpha u_{t-1} + (1 - alpha) (drive_t - w_{t-1})
      double a = alpha[j];
      gDrive[base + j] = (1 - a) * gPre;
      dParams[0][j] += gPre * (uP[po + j] - input[base + j]);
      du[c + j] = a * gPre;
      dw[c + j] = b * gw - (1 - a) * gPre;
      // s_{t-1} reaches this step only through V, which the caller adds
      ds[c + j] = 0.0;
    }
  }

  @Override
  protected int derivativeSupport(int po, int[] out) {
    return support(preReset, po, threshold, out);
  }

  /** Membrane potentials u after the reset (time-major). */
  public double[] membrane() {
    return state[U];
  }

  /** Adaptation variable w (time-major). */
  public double[] adaptation() {
    return state[W];
  }
}
