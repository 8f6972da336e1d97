package org.snnspark.preprocess.audio;

/**
 * librosa.feature.delta: the order-{@code d} derivative along time by a Savitzky-Golay filter of
 * {@code width} frames and polynomial order {@code d} (scipy.signal.savgol_filter with deriv=d,
 * polyorder=d, mode="interp"). Inside the signal each value is a least-squares polynomial fit over
 * the window centred on it; the first and last width/2 frames take the derivative of the polynomial
 * fitted to the first / last {@code width} frames ("interp"). Note that order 2 is not the delta of
 * the delta: it is the second derivative of a quadratic fit.
 */
public final class SavitzkyGolay {
  private final int width;
  private final int order;
  /** coef[j][k]: weight of frame k of a window for the derivative at window position j. */
  private final double[][] coef;

  /**
   * @param width odd window length (librosa's default 9)
   * @param order derivative order = polynomial order (1 or more, below width)
   */
  public SavitzkyGolay(int width, int order) {
    if (width < 3 || width % 2 == 0) {
      throw new IllegalArgumentException("delta width must be odd and >= 3, got " + width);
    }
    if (order < 1 || order >= width) {
      throw new IllegalArgumentException("delta order must be in [1, width), got " + order);
    }
    this.width = width;
    this.order = order;
    this.coef = new double[width][];
    for (int j = 0; j < width; j++) {
      coef[j] = derivativeWeights(width, order, j);
    }
  }

  public int width() {
    return width;
  }

  /**
   * The derivative of each column of {@code x} ({@code [frames][cols]}) along frames.
   *
   * @throws IllegalArgumentException with fewer frames than the width (librosa refuses too)
   */
  public double[][] apply(double[][] x) {
    int n = x.length;
    if (n < width) {
      throw new IllegalArgumentException(n + " frames, fewer than the delta width " + width);
    }
    int cols = x[0].length;
    int h = width / 2;
    double[][] y = new double[n][cols];
    for (int t = 0; t < n; t++) {
      // window start and position of t inside it: centred inside, pinned to the ends near them
      int start = Math.min(Math.max(t - h, 0), n - width);
      double[] w = coef[t - start];
      for (int c = 0; c < cols; c++) {
        double acc = 0;
        for (int k = 0; k < width; k++) {
          acc += w[k] * x[start + k][c];
        }
        y[t][c] = acc;
      }
    }
    return y;
  }

  /**
   * Weights giving the {@code d}-th derivative, at position {@code j} of a window of {@code n}
   * frames, of the least-squares polynomial of degree {@code d} through the window:
   * d! * row d of pinv(A), A[k][p] = (k - j)^p, solved by the normal equations in double.
   */
  static double[] derivativeWeights(int n, int d, int j) {
    int p = d + 1;
    double[][] a = new double[n][p];
    for (int k = 0; k < n; k++) {
      double v = 1;
      for (int q = 0; q < p; q++) {
        a[k][q] = v;
        v *= k - j;
      }
    }
    // AtA (p x p) and its inverse by Gauss-Jordan (p is 2 or 3 here: well conditioned)
    double[][] m = new double[p][2 * p];
    for (int r = 0; r < p; r++) {
      for (int c = 0; c < p; c++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[k][r] * a[k][c];
        }
        m[r][c] = s;
      }
      m[r][p + r] = 1;
    }
    for (int col = 0; col < p; col++) {
      int piv = col;
      for (int r = col + 1; r < p; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
          piv = r;
        }
      }
      double[] tmp = m[col];
      m[col] = m[piv];
      m[piv] = tmp;
      double div = m[col][col];
      for (int c = 0; c < 2 * p; c++) {
        m[col][c] /= div;
      }
      for (int r = 0; r < p; r++) {
        if (r != col) {
          double f = m[r][col];
          for (int c = 0; c < 2 * p; c++) {
            m[r][c] -= f * m[col][c];
          }
        }
      }
    }
    double fact = 1;
    for (int q = 2; q <= d; q++) {
      fact *= q;
    }
    // row d of inv(AtA) At, times d!
    double[] w = new double[n];
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (int q = 0; q < p; q++) {
        s += m[d][p + q] * a[k][q];
      }
      w[k] = s * fact;
    }
    return w;
  }
}
