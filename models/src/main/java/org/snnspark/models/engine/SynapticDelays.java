package org.snnspark.models.engine;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

/**
 * Learnable synaptic delays of the input product, DCLS style (Hammouamri, Khalfaoui-Hassani &amp;
 * Masquelier, ICLR 2024): every synapse (i, j) has a weight W_ij and a delay position P_ij in
 * [0, D] steps, D the maximum delay. During training the delay is a normalised Gaussian over the
 * D + 1 taps d = 0 .. D, of width sigma (one per layer, annealed over epochs, not trained):
 * <pre>
 *   e_ijd = exp(-(d - P_ij)^2 / (2 sigma^2)),   g_ijd = e_ijd / (sum_k e_ijk + 1e-7)
 *   z[t, b, j] = sum_d sum_i x[t - d, b, i] W_ij g_ijd          (x before step 0 is zero)
 * </pre>
 * the DCLS library's {@code gauss} kernel (its {@code |SIG| + 0.27} is the sigma here, its centred
 * position p the delay D/2 - p, its left padding of D steps the zero history). sigma = 0 is the
 * Gaussian's limit, the delays rounded to whole steps: g_ijd = 1 where d = round(P_ij), else 0;
 * {@link #round} turns a trained layer into that.
 * <p>
 * The product over the stacked delayed inputs is computed tap by tap: in the time-major matrix X
 * [T * mb, nIn] (row t * mb + b) the input d steps earlier is the same matrix shifted by d * mb
 * rows, so {@code Z[d mb ..] += X[.. T mb - d mb] (W o G_d)} is one GEMM on views per tap, with
 * no copy of X per delay. Backward, with dWd = X_shifted^T dZ per tap:
 * <pre>
 *   dL/dW_ij = sum_d dWd_ij g_ijd
 *   dL/dP_ij = W_ij / sigma^2 sum_d dWd_ij g_ijd ((d - P_ij) - sum_k g_ijk (k - P_ij))
 *   dL/dX[..T mb - d mb] += dZ[d mb ..] (W o G_d)^T
 * </pre>
 * For spike input, {@link DelayEvents} computes the same product and dWd over the non-zero inputs
 * (the layer picks the path as for its plain product: {@link InputEvents#use}); the input gradient
 * is dense and stays the GEMMs. Positions are clamped to [0, D] before each forward pass, as DCLS
 * clamps them after each step.
 */
public final class SynapticDelays {
  /** Delay positions [nIn, nOut], in steps, laid out like W. */
  public static final String POSITIONS = "P";
  /** The Gaussian's width in steps, one value for the layer; 0 = delays rounded to whole steps. */
  public static final String SIGMA = "delaySigma";
  /** The normalisation's guard against an empty kernel, the DCLS library's. */
  static final double NORM_EPS = 1e-7;

  private final int nIn;
  private final int nOut;
  private final int taps;
  /** W and the clamped positions of the last forward pass, row-major (i * nOut + j). */
  private final double[] w;
  private final double[] pos;
  private double sigma;
  /** g_ijd of the last forward pass, tap-major: d * nIn * nOut + i * nOut + j. */
  private final double[] gauss;
  /** W_ij g_ijd, the same layout. */
  private final double[] tapWeights;
  private final DelayEvents events;
  /** The event-driven path's W o G_d and dWd, as rows: [d][i][j]. */
  private double[][][] tapRows;
  private double[][][] tapGrads;

  public SynapticDelays(int nIn, int nOut, int maxDelay) {
    if (maxDelay < 1) {
      throw new IllegalArgumentException("maximum delay must be >= 1 step: " + maxDelay);
    }
    this.nIn = nIn;
    this.nOut = nOut;
    this.taps = maxDelay + 1;
    this.w = new double[nIn * nOut];
    this.pos = new double[nIn * nOut];
    this.gauss = new double[taps * nIn * nOut];
    this.tapWeights = new double[taps * nIn * nOut];
    this.events = new DelayEvents(nIn, nOut, taps);
  }

  /** Appends the positions and sigma to a layout when the layer has delays ({@code maxDelay > 0}). */
  public static void addParams(ParamLayout layout, long nIn, long nOut, int maxDelay) {
    if (maxDelay > 0) {
      layout.add(POSITIONS, ParamLayout.Role.OTHER, 'f', nIn, nOut);
      layout.add(SIGMA, ParamLayout.Role.OTHER, 'c', 1);
    }
  }

  /** Initial positions uniform in [0, maxDelay] (DCLS's uniform init over the kernel, clamped) and sigma. */
  public static void initialize(Map<String, INDArray> params, int maxDelay, double sigma) {
    INDArray p = params.get(POSITIONS);
    p.assign(Nd4j.rand(p.dataType(), p.shape()).muli(maxDelay));
    params.get(SIGMA).assign(sigma);
  }

  /** Whether {@code key} is sigma: set from outside (the schedule), never by the optimiser. */
  public static boolean isSchedule(String key) {
    return SIGMA.equals(key);
  }

  /**
   * Rounds the positions of {@code params} to whole steps and sets sigma to 0: from then on each
   * synapse delays its input by exactly round(P) steps.
   */
  public static void round(Map<String, INDArray> params, int maxDelay) {
    INDArray p = params.get(POSITIONS);
    if (p == null) {
      return;
    }
    INDArray c = p.dup('c');
    double[] v = new double[(int) c.length()];
    TimeMajor.read(c, v);
    for (int k = 0; k < v.length; k++) {
      v[k] = Math.rint(Math.min(maxDelay, Math.max(0, v[k])));
    }
    TimeMajor.write(v, c);
    p.assign(c);
    params.get(SIGMA).assign(0.0);
  }

  /**
   * Reads the weights in use, the positions and sigma, clamps the positions (in the parameter too
   * when {@code training}) and builds the kernel for the products that follow.
   *
   * @param w      the weights in use [nIn, nOut]
   * @param params the layer's parameter table (positions and sigma)
   */
  public void prepare(INDArray w, Map<String, INDArray> params, boolean training) {
    readRowMajor(w, this.w);
    INDArray pParam = params.get(POSITIONS);
    readRowMajor(pParam, pos);
    sigma = params.get(SIGMA).getDouble(0);
    if (!(sigma >= 0)) {
      throw new IllegalStateException("delay sigma must be >= 0: " + sigma);
    }
    if (clamp() && training) {
      writeRowMajor(pos, pParam);
    }
    kernel();
  }

  /** Z = sum_d shifted(X, d) (W o G_d) into {@code z} [rows, nOut] (c order); X [rows, nIn], rows = steps * mb. */
  public void product(INDArray x, long mb, INDArray z, LayerWorkspaceMgr ws, ArrayType work) {
    long rows = x.size(0);
    z.assign(0.0);
    INDArray wd = ws.createUninitialized(work, z.dataType(), new long[]{nIn, nOut}, 'c');
    for (int d = 0; d < taps; d++) {
      long shift = d * mb;
      if (shift >= rows) {
        break;
      }
      TimeMajor.write(tapWeights, d * nIn * nOut, wd);
      Nd4j.gemm(rowsOf(x, 0, rows - shift), wd, rowsOf(z, shift, rows), false, false, 1.0, 1.0);
    }
  }

  /** The same product over the non-zero entries of X ({@link DelayEvents}), plus the bias (may be null), into {@code out}. */
  public void eventProduct(INDArray x, int mb, double[] bias, double[] out) {
    tapRows = rows(tapRows);
    int n = nIn * nOut;
    for (int d = 0; d < taps; d++) {
      for (int i = 0; i < nIn; i++) {
        System.arraycopy(tapWeights, d * n + i * nOut, tapRows[d][i], 0, nOut);
      }
    }
    events.scan(x);
    events.product(mb, tapRows, bias, out);
  }

  /**
   * dL/dW, dL/dP and sigma's zero gradient into {@code gradViews}, from dWd = X_shifted^T dZ per tap
   * (one GEMM each).
   *
   * @param dz dL/dZ [rows, nOut] (c order)
   */
  public void weightGradients(INDArray x, INDArray dz, long mb, Map<String, INDArray> gradViews,
                              LayerWorkspaceMgr ws) {
    Gradients sums = new Gradients();
    double[] tap = new double[nIn * nOut];
    long rows = x.size(0);
    INDArray dWd = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dz.dataType(), new long[]{nIn, nOut}, 'c');
    for (int d = 0; d < taps; d++) {
      long shift = d * mb;
      if (shift >= rows) {
        break;
      }
      Nd4j.gemm(rowsOf(x, 0, rows - shift), rowsOf(dz, shift, rows), dWd, true, false, 1.0, 0.0);
      TimeMajor.read(dWd, tap);
      sums.add(d, tap);
    }
    sums.write(gradViews);
  }

  /**
   * The same gradients from the entries the last {@link #eventProduct} found.
   *
   * @param g dL/dZ, time-major [rows, nOut]
   */
  public void eventWeightGradients(double[] g, int mb, Map<String, INDArray> gradViews) {
    tapGrads = rows(tapGrads);
    events.tapGradients(mb, g, tapGrads);
    Gradients sums = new Gradients();
    double[] tap = new double[nIn * nOut];
    for (int d = 0; d < taps; d++) {
      for (int i = 0; i < nIn; i++) {
        System.arraycopy(tapGrads[d][i], 0, tap, i * nOut, nOut);
      }
      sums.add(d, tap);
    }
    sums.write(gradViews);
  }

  /** dL/dX = sum_d shifted back (dZ (W o G_d)^T) into {@code dx} [rows, nIn] (c order). */
  public void inputGradient(INDArray dz, long mb, INDArray dx, LayerWorkspaceMgr ws) {
    long rows = dz.size(0);
    dx.assign(0.0);
    INDArray wd = ws.createUninitialized(ArrayType.BP_WORKING_MEM, dz.dataType(), new long[]{nIn, nOut}, 'c');
    for (int d = 0; d < taps; d++) {
      long shift = d * mb;
      if (shift >= rows) {
        break;
      }
      TimeMajor.write(tapWeights, d * nIn * nOut, wd);
      Nd4j.gemm(rowsOf(dz, shift, rows), wd, rowsOf(dx, 0, rows - shift), false, true, 1.0, 1.0);
    }
  }

  /** dL/dW and dL/dP summed tap by tap from the taps' weight gradients dWd. */
  private final class Gradients {
    private final double[] gw = new double[nIn * nOut];
    private final double[] gp = new double[nIn * nOut];
    private final double[] mean = sigma > 0 ? meanOffsets() : null;

    /** Adds tap d's dWd. */
    void add(int d, double[] tap) {
      int n = nIn * nOut;
      int base = d * n;
      for (int s = 0; s < n; s++) {
        double gg = tap[s] * gauss[base + s];
        gw[s] += gg;
        if (mean != null) {
          gp[s] += gg * ((d - pos[s]) - mean[s]);
        }
      }
    }

    void write(Map<String, INDArray> gradViews) {
      double invVar = sigma > 0 ? 1.0 / (sigma * sigma) : 0.0;
      for (int s = 0; s < gp.length; s++) {
        gp[s] *= w[s] * invVar;
      }
      writeRowMajor(gw, gradViews.get(InputProjection.W));
      writeRowMajor(gp, gradViews.get(POSITIONS));
      gradViews.get(SIGMA).assign(0.0);
    }
  }

  /** {@code a}, or new [taps][nIn][nOut] rows when null. */
  private double[][][] rows(double[][][] a) {
    return a != null ? a : new double[taps][nIn][nOut];
  }

  /** Positions into [0, D]; whether any moved. */
  private boolean clamp() {
    boolean moved = false;
    double max = taps - 1;
    for (int s = 0; s < pos.length; s++) {
      double p = Math.min(max, Math.max(0.0, pos[s]));
      moved |= p != pos[s];
      pos[s] = p;
    }
    return moved;
  }

  /** g_ijd from the positions and sigma. */
  private void kernel() {
    int n = nIn * nOut;
    java.util.Arrays.fill(gauss, 0.0);
    if (sigma == 0) {
      for (int s = 0; s < n; s++) {
        gauss[(int) Math.rint(pos[s]) * n + s] = 1.0;
      }
    } else {
      double half = -0.5 / (sigma * sigma);
      for (int s = 0; s < n; s++) {
        double sum = 0;
        for (int d = 0; d < taps; d++) {
          double u = d - pos[s];
          double e = Math.exp(half * u * u);
          gauss[d * n + s] = e;
          sum += e;
        }
        double inv = 1.0 / (sum + NORM_EPS);
        for (int d = 0; d < taps; d++) {
          gauss[d * n + s] *= inv;
        }
      }
    }
    for (int k = 0; k < gauss.length; k++) {
      tapWeights[k] = w[k % n] * gauss[k];
    }
  }

  /** sum_k g_ijk (k - P_ij): the kernel's mean offset, which the normalisation subtracts in dP. */
  private double[] meanOffsets() {
    int n = nIn * nOut;
    double[] mean = new double[n];
    for (int d = 0; d < taps; d++) {
      for (int s = 0; s < n; s++) {
        mean[s] += gauss[d * n + s] * (d - pos[s]);
      }
    }
    return mean;
  }

  /** Rows {@code from .. to - 1} of a c-order matrix, as a view. */
  private static INDArray rowsOf(INDArray m, long from, long to) {
    return m.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
  }

  private static void readRowMajor(INDArray a, double[] dst) {
    TimeMajor.read(a.dup('c'), dst);
  }

  private static void writeRowMajor(double[] src, INDArray view) {
    INDArray c = Nd4j.createUninitialized(view.dataType(), view.shape(), 'c');
    TimeMajor.write(src, c);
    view.assign(c);
  }
}
