package org.snnspark.preprocess.audio;

import java.io.Serializable;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A mel spectrogram as librosa.feature.melspectrogram computes it (and torchaudio's
 * MelSpectrogram with norm="slaney", mel_scale="slaney"): STFT with a periodic Hann window of
 * {@code winLength} samples centred in {@code nFft}, frames every {@code hop} samples, the signal
 * padded by nFft/2 at both ends when centred (reflect — librosa before 0.10 — or zeros), power
 * {@code |X|^power}, then triangular mel filters between fmin and fmax on the Slaney (librosa default)
 * or HTK mel scale, Slaney area-normalised or not. Output {@code [frames][nMels]}, double precision.
 * One instance per thread (own FFT and buffers).
 */
public final class MelSpectrogram {
  /** Mel scales of librosa.hz_to_mel. */
  public enum Scale { SLANEY, HTK }

  /** Padding of the signal ends when centring frames. */
  public enum PadMode { REFLECT, CONSTANT }

  /** Yin et al.'s GSC setting is {@code new Options(16000, 480, 160, 0, 40, 20, 4000, 2, true, REFLECT, SLANEY, true)}. */
  public record Options(int sampleRate, int nFft, int hop, int winLength, int nMels, double fmin,
      double fmax, double power, boolean center, PadMode padMode, Scale scale, boolean slaneyNorm)
      implements Serializable {

    /** winLength, with 0 meaning nFft (librosa's None). */
    public int window() {
      return winLength <= 0 ? nFft : winLength;
    }

    public void validate() {
      require(sampleRate > 0, "sample rate must be > 0, got " + sampleRate);
      require(nFft >= 2, "n_fft must be >= 2, got " + nFft);
      require(hop >= 1, "hop must be >= 1, got " + hop);
      require(window() <= nFft, "window length " + window() + " exceeds n_fft " + nFft);
      require(nMels >= 1, "need at least one mel band, got " + nMels);
      require(fmin >= 0 && fmin < fmax && fmax <= sampleRate / 2.0,
          "bad mel range: fmin " + fmin + " Hz, fmax " + fmax + " Hz, Nyquist " + sampleRate / 2.0);
      require(power > 0, "power must be > 0, got " + power);
    }
  }

  private final Options o;
  private final double[] window;
  private final int[] first;
  private final double[][] weights;
  private final DoubleFFT_1D fft;
  private final double[] buf;
  private final double[] spectrum;

  public MelSpectrogram(Options o) {
    o.validate();
    this.o = o;
    int n = o.nFft();
    // periodic Hann of winLength, zero-padded to n_fft with the window centred (librosa pad_center)
    this.window = new double[n];
    int wl = o.window();
    int lpad = (n - wl) / 2;
    for (int i = 0; i < wl; i++) {
      window[lpad + i] = 0.5 - 0.5 * StrictMath.cos(2 * Math.PI * i / wl);
    }
    int nFreqs = n / 2 + 1;
    double[][] fb = filters(o, nFreqs);
    this.first = new int[o.nMels()];
    this.weights = new double[o.nMels()][];
    for (int m = 0; m < o.nMels(); m++) {
      int lo = -1;
      int hi = -1;
      for (int j = 0; j < nFreqs; j++) {
        if (fb[m][j] != 0) {
          lo = lo < 0 ? j : lo;
          hi = j;
        }
      }
      first[m] = Math.max(lo, 0);
      weights[m] = lo < 0 ? new double[0] : java.util.Arrays.copyOfRange(fb[m], lo, hi + 1);
    }
    this.fft = new DoubleFFT_1D(n);
    this.buf = new double[n];
    this.spectrum = new double[nFreqs];
  }

  public Options options() {
    return o;
  }

  /** Frames for {@code n} samples (0 if too short). */
  public int numFrames(int n) {
    int len = o.center() ? n + 2 * (o.nFft() / 2) : n;
    return len < o.nFft() ? 0 : 1 + (len - o.nFft()) / o.hop();
  }

  /**
   * The mel spectrogram {@code [frames][nMels]}.
   *
   * @throws IllegalArgumentException if the signal is too short for one frame (or, with reflect
   *     padding, not longer than nFft/2: the reflection needs that much signal)
   */
  public double[][] compute(double[] x) {
    int n = x.length;
    int half = o.nFft() / 2;
    if (o.center() && o.padMode() == PadMode.REFLECT && n <= half) {
      throw new IllegalArgumentException(n + " samples: reflect padding needs more than n_fft/2 = " + half);
    }
    int frames = numFrames(n);
    if (frames == 0) {
      throw new IllegalArgumentException(n + " samples, shorter than one frame of " + o.nFft());
    }
    int offset = o.center() ? -half : 0;
    double[][] out = new double[frames][o.nMels()];
    for (int t = 0; t < frames; t++) {
      int start = t * o.hop() + offset;
      for (int i = 0; i < o.nFft(); i++) {
        buf[i] = sampleAt(x, start + i) * window[i];
      }
      spectrum();
      for (int m = 0; m < o.nMels(); m++) {
        double[] w = weights[m];
        int f0 = first[m];
        double e = 0;
        for (int k = 0; k < w.length; k++) {
          e += w[k] * spectrum[f0 + k];
        }
        out[t][m] = e;
      }
    }
    return out;
  }

  /** The padded signal: numpy's "reflect" (edge not repeated) or zeros outside [0, n). */
  private double sampleAt(double[] x, int i) {
    int n = x.length;
    if (i >= 0 && i < n) {
      return x[i];
    }
    if (o.padMode() == PadMode.CONSTANT) {
      return 0;
    }
    return i < 0 ? x[-i] : x[2 * n - 2 - i];
  }

  private void spectrum() {
    int n = o.nFft();
    fft.realForward(buf);
    int nFreqs = spectrum.length;
    if (n % 2 == 0) {
      spectrum[0] = buf[0] * buf[0];
      spectrum[n / 2] = buf[1] * buf[1];
      for (int k = 1; k < n / 2; k++) {
        spectrum[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
      }
    } else {
      // odd n: buf[0] = Re0, buf[2k-1], buf[2k] = Re, Im of bin k (k < (n+1)/2), Im of the last in buf[1]
      spectrum[0] = buf[0] * buf[0];
      for (int k = 1; k < nFreqs; k++) {
        double re = buf[2 * k];
        double im = k == nFreqs - 1 ? buf[1] : buf[2 * k + 1];
        spectrum[k] = re * re + im * im;
      }
    }
    if (o.power() != 2) {
      double p = o.power() / 2;
      for (int k = 0; k < nFreqs; k++) {
        spectrum[k] = p == 0.5 ? Math.sqrt(spectrum[k]) : StrictMath.pow(spectrum[k], p);
      }
    }
  }

  /** librosa.filters.mel as a dense [nMels][nFreqs] matrix. */
  static double[][] filters(Options o, int nFreqs) {
    int nMels = o.nMels();
    double[] fftFreqs = new double[nFreqs];
    for (int j = 0; j < nFreqs; j++) {
      fftFreqs[j] = j * (o.sampleRate() / 2.0) / (nFreqs - 1); // np.linspace(0, sr/2, n_freqs)
    }
    double mMin = hzToMel(o.fmin(), o.scale());
    double mMax = hzToMel(o.fmax(), o.scale());
    double[] melF = new double[nMels + 2];
    for (int i = 0; i < nMels + 2; i++) {
      melF[i] = melToHz(mMin + i * (mMax - mMin) / (nMels + 1), o.scale()); // np.linspace
    }
    double[][] w = new double[nMels][nFreqs];
    for (int i = 0; i < nMels; i++) {
      double lowerDiff = melF[i + 1] - melF[i];
      double upperDiff = melF[i + 2] - melF[i + 1];
      double enorm = o.slaneyNorm() ? 2.0 / (melF[i + 2] - melF[i]) : 1.0;
      for (int j = 0; j < nFreqs; j++) {
        double lower = -(melF[i] - fftFreqs[j]) / lowerDiff;
        double upper = (melF[i + 2] - fftFreqs[j]) / upperDiff;
        w[i][j] = Math.max(0, Math.min(lower, upper)) * enorm;
      }
    }
    return w;
  }

  private static final double F_SP = 200.0 / 3;
  private static final double MIN_LOG_HZ = 1000.0;
  private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
  private static final double LOGSTEP = StrictMath.log(6.4) / 27.0;

  static double hzToMel(double f, Scale s) {
    if (s == Scale.HTK) {
      return 2595.0 * StrictMath.log10(1.0 + f / 700.0);
    }
    return f >= MIN_LOG_HZ ? MIN_LOG_MEL + StrictMath.log(f / MIN_LOG_HZ) / LOGSTEP : f / F_SP;
  }

  static double melToHz(double m, Scale s) {
    if (s == Scale.HTK) {
      return 700.0 * (StrictMath.pow(10.0, m / 2595.0) - 1.0);
    }
    return m >= MIN_LOG_MEL ? MIN_LOG_HZ * StrictMath.exp(LOGSTEP * (m - MIN_LOG_MEL)) : F_SP * m;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
