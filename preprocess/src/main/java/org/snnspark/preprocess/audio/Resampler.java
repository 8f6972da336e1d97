package org.snnspark.preprocess.audio;

import java.io.Serializable;

/**
 * Band-limited polyphase resampling by a rational factor, the algorithm of
 * torchaudio.functional.resample (0.13): after dividing both rates by their gcd (orig -> M,
 * new -> L), output sample {@code j*L + i} is a windowed-sinc FIR of phase {@code i} applied at input
 * position {@code j*M}. The low-pass cut-off is {@code rolloff * min(M, L)} (in units of the reduced
 * rates), the filter spans {@code lowpassWidth} zero crossings each side, and the window is
 * Hann-like ({@code cos^2}, torchaudio's "sinc_interpolation") or Kaiser. The input is zero-padded at
 * both ends and the output has {@code ceil(n * L / M)} samples, as in torchaudio, so the results agree
 * with it to rounding (see AudioReferenceTest). Computed in double precision.
 *
 * <p>Defaults (lowpass 6, rolloff 0.99, Hann) are torchaudio's; {@link #kaiserBest} is the
 * high-quality setting of torchaudio's resampling tutorial (width 64, rolloff 0.9476, beta 14.77).
 * Instances are immutable and thread-safe.
 */
public final class Resampler implements Serializable {
  private static final long serialVersionUID = 1L;
  /** torchaudio's default Kaiser beta. */
  public static final double DEFAULT_BETA = 14.769656459379492;

  /** The window of the sinc filter. */
  public enum Window {
    /** cos^2 of the scaled position: torchaudio's "sinc_interpolation" (its default). */
    HANN,
    /** Kaiser window I0(beta sqrt(1 - (t/width)^2)) / I0(beta): torchaudio's "kaiser_window". */
    KAISER
  }

  private final int from;
  private final int to;
  private final int m;
  private final int l;
  private final int width;
  /** kernel[phase][tap], taps = 2 * width + m. */
  private final double[][] kernel;

  /**
   * @param from input sample rate (Hz), @param to output sample rate (Hz)
   * @param lowpassWidth zero crossings of the sinc each side (torchaudio lowpass_filter_width)
   * @param rolloff cut-off as a fraction of the lower Nyquist frequency, in (0, 1]
   * @param beta Kaiser beta (ignored for HANN)
   */
  public Resampler(int from, int to, Window window, int lowpassWidth, double rolloff, double beta) {
    if (from <= 0 || to <= 0) {
      throw new IllegalArgumentException("sample rates must be positive: " + from + " -> " + to);
    }
    if (lowpassWidth <= 0) {
      throw new IllegalArgumentException("lowpass width must be positive, got " + lowpassWidth);
    }
    if (!(rolloff > 0 && rolloff <= 1)) {
      throw new IllegalArgumentException("rolloff must be in (0, 1], got " + rolloff);
    }
    this.from = from;
    this.to = to;
    int g = gcd(from, to);
    this.m = from / g;
    this.l = to / g;
    double base = Math.min(m, l) * rolloff;
    this.width = (int) Math.ceil(lowpassWidth * m / base);
    int taps = 2 * width + m;
    this.kernel = new double[l][taps];
    double scale = base / m;
    double i0beta = besselI0(beta);
    for (int i = 0; i < l; i++) {
      for (int k = 0; k < taps; k++) {
        // same expression order as torchaudio: (-i/L + (k - width)/M) * base, clamped
        double t = (-(double) i / l + (double) (k - width) / m) * base;
        t = Math.max(-lowpassWidth, Math.min(lowpassWidth, t));
        double w;
        if (window == Window.HANN) {
          double c = StrictMath.cos(t * Math.PI / lowpassWidth / 2);
          w = c * c;
        } else {
          double r = t / lowpassWidth;
          w = besselI0(beta * StrictMath.sqrt(1 - r * r)) / i0beta;
        }
        double x = t * Math.PI;
        double sinc = x == 0 ? 1.0 : StrictMath.sin(x) / x;
        kernel[i][k] = sinc * w * scale;
      }
    }
  }

  /** torchaudio's defaults: Hann window, 6 zero crossings, rolloff 0.99. */
  public static Resampler torchaudioDefault(int from, int to) {
    return new Resampler(from, to, Window.HANN, 6, 0.99, DEFAULT_BETA);
  }

  /** Kaiser window, 64 zero crossings, rolloff 0.9475937167399596, beta 14.769656459379492. */
  public static Resampler kaiserBest(int from, int to) {
    return new Resampler(from, to, Window.KAISER, 64, 0.9475937167399596, DEFAULT_BETA);
  }

  public int from() {
    return from;
  }

  public int to() {
    return to;
  }

  /** Output length for {@code n} input samples: ceil(n * L / M). */
  public int outputLength(int n) {
    return (int) ((n * (long) l + m - 1) / m);
  }

  /** The resampled signal (a copy of {@code x} when the rates are equal). */
  public double[] apply(double[] x) {
    if (from == to) {
      return x.clone();
    }
    int n = x.length;
    int outLen = outputLength(n);
    double[] y = new double[outLen];
    int taps = kernel[0].length;
    for (int o = 0; o < outLen; o++) {
      int j = o / l;
      int phase = o - j * l;
      double[] h = kernel[phase];
      // padded index p = j*M + k maps to input index p - width; only in-range samples contribute
      int start = j * m - width;
      int kFrom = Math.max(0, -start);
      int kTo = Math.min(taps, n - start);
      // four partial sums: independent chains the CPU can overlap (a fixed order: deterministic)
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double a3 = 0;
      int k = kFrom;
      for (; k + 3 < kTo; k += 4) {
        int i = start + k;
        a0 += h[k] * x[i];
        a1 += h[k + 1] * x[i + 1];
        a2 += h[k + 2] * x[i + 2];
        a3 += h[k + 3] * x[i + 3];
      }
      for (; k < kTo; k++) {
        a0 += h[k] * x[start + k];
      }
      y[o] = (a0 + a1) + (a2 + a3);
    }
    return y;
  }

  /** Modified Bessel function of the first kind, order 0 (power series; converges for any x). */
  static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double q = x * x / 4;
    for (int k = 1; k < 500; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return sum;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
