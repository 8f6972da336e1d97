package org.snnspark.preprocess.audio;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Kaldi log mel filterbank features as torchaudio.compliance.kaldi.fbank computes them (0.13),
 * step for step: frames of {@code frameLength} ms every {@code frameShift} ms ("snip edges": only
 * whole frames; otherwise Kaldi's reflection at both ends), optional dither, DC removal per frame,
 * log energy of the raw frame (when used), pre-emphasis {@code x[i] -= k x[i-1]} with
 * {@code x[-1] = x[0]}, the window (povey = Hann^0.85, hanning, hamming, blackman, rectangular),
 * zero padding to the FFT size (next power of two), power (or magnitude) spectrum, triangular
 * filters equally spaced on the mel scale 1127 ln(1 + f/700) between lowFreq and highFreq (highFreq
 * <= 0 means Nyquist + highFreq), which give the Nyquist bin no weight, then ln(max(e, eps)) with
 * eps = 2^-23 (float32's epsilon, also in double, as torchaudio does).
 *
 * <p>Computed in double precision; the input waveform is used at the scale given (torchaudio.load
 * scale [-1, 1] unless the caller multiplies, e.g. by 32768 for Kaldi's integer scale). One
 * instance per thread: it owns its FFT and scratch buffers.
 */
public final class KaldiFbank {
  /** float32 machine epsilon: torchaudio's floor before the log, whatever the dtype. */
  static final double EPSILON = 1.1920928955078125e-07;

  /** Kaldi's window functions. */
  public enum Window { POVEY, HANNING, HAMMING, BLACKMAN, RECTANGULAR }

  /**
   * The options of torchaudio's fbank that this implements (VTLN and subtract_mean are not).
   * {@link #sparch(double)} gives sparch's setting: torchaudio's defaults with 40 mel bins.
   */
  public record Options(double sampleRate, double frameLengthMs, double frameShiftMs, int melBins,
      double lowFreq, double highFreq, double preemphasis, boolean removeDcOffset, Window window,
      boolean roundToPowerOfTwo, boolean snipEdges, boolean usePower, boolean useLog,
      boolean useEnergy, double energyFloor, double dither) implements Serializable {

    public static Options sparch(double sampleRate) {
      return new Options(sampleRate, 25, 10, 40, 20, 0, 0.97, true, Window.POVEY, true, true, true,
          true, false, 1.0, 0);
    }

    /** Samples per frame: int(rate * ms / 1000), as torchaudio truncates. */
    public int windowSize() {
      return (int) (sampleRate * frameLengthMs * 0.001);
    }

    public int windowShift() {
      return (int) (sampleRate * frameShiftMs * 0.001);
    }

    public int paddedSize() {
      int w = windowSize();
      return roundToPowerOfTwo ? Integer.highestOneBit(Math.max(1, w - 1)) << 1 : w;
    }

    /** Features per frame: the mel bins, plus the log energy first when useEnergy. */
    public int numFeatures() {
      return melBins + (useEnergy ? 1 : 0);
    }

    /** Checks the option ranges torchaudio asserts; the message names the option. */
    public void validate() {
      int w = windowSize();
      require(sampleRate > 0, "sample rate must be > 0, got " + sampleRate);
      require(w >= 2, "frame length " + frameLengthMs + " ms is under 2 samples at " + sampleRate + " Hz");
      require(windowShift() >= 1, "frame shift " + frameShiftMs + " ms is under 1 sample at " + sampleRate + " Hz");
      require(paddedSize() % 2 == 0, "the FFT size " + paddedSize() + " must be even: round to a power of two or change the frame length");
      require(melBins > 3, "at least 4 mel bins are needed, got " + melBins);
      double nyquist = sampleRate / 2;
      double high = highFreq <= 0 ? highFreq + nyquist : highFreq;
      require(lowFreq >= 0 && lowFreq < nyquist && high > 0 && high <= nyquist && lowFreq < high,
          "bad mel range: low " + lowFreq + " Hz, high " + highFreq + " Hz (= " + high + "), Nyquist " + nyquist);
      require(preemphasis >= 0 && preemphasis <= 1, "pre-emphasis must be in [0, 1], got " + preemphasis);
      require(dither >= 0, "dither must be >= 0, got " + dither);
    }
  }

  private final Options o;
  private final int windowSize;
  private final int shift;
  private final int padded;
  private final double[] window;
  /** Mel filters, sparse: bank b covers FFT bins first[b] .. first[b] + weights[b].length - 1. */
  private final int[] first;
  private final double[][] weights;
  private final DoubleFFT_1D fft;
  private final double[] frame;
  private final double[] buf;
  private final double[] spectrum;

  public KaldiFbank(Options o) {
    o.validate();
    this.o = o;
    this.windowSize = o.windowSize();
    this.shift = o.windowShift();
    this.padded = o.paddedSize();
    this.window = window(o.window(), windowSize);
    int nBins = padded / 2; // the Nyquist bin gets no filter weight
    double fftBinWidth = o.sampleRate() / padded;
    double nyquist = 0.5 * o.sampleRate();
    double high = o.highFreq() <= 0 ? o.highFreq() + nyquist : o.highFreq();
    double melLow = mel(o.lowFreq());
    double melHigh = mel(high);
    double delta = (melHigh - melLow) / (o.melBins() + 1);
    this.first = new int[o.melBins()];
    this.weights = new double[o.melBins()][];
    double[] binMel = new double[nBins];
    for (int j = 0; j < nBins; j++) {
      binMel[j] = mel(fftBinWidth * j);
    }
    for (int b = 0; b < o.melBins(); b++) {
      double left = melLow + b * delta;
      double center = melLow + (b + 1.0) * delta;
      double right = melLow + (b + 2.0) * delta;
      double[] w = new double[nBins];
      int lo = -1;
      int hi = -1;
      for (int j = 0; j < nBins; j++) {
        double up = (binMel[j] - left) / (center - left);
        double down = (right - binMel[j]) / (right - center);
        w[j] = Math.max(0, Math.min(up, down));
        if (w[j] > 0) {
          lo = lo < 0 ? j : lo;
          hi = j;
        }
      }
      first[b] = Math.max(lo, 0);
      weights[b] = lo < 0 ? new double[0] : java.util.Arrays.copyOfRange(w, lo, hi + 1);
    }
    this.fft = new DoubleFFT_1D(padded);
    this.frame = new double[windowSize];
    this.buf = new double[padded];
    this.spectrum = new double[padded / 2 + 1];
  }

  public Options options() {
    return o;
  }

  /** Frames for {@code n} samples (0 when snipping edges and n is under one frame). */
  public int numFrames(int n) {
    if (o.snipEdges()) {
      return n < windowSize ? 0 : 1 + (n - windowSize) / shift;
    }
    return (n + shift / 2) / shift;
  }

  /** Samples in one frame. */
  public int windowSize() {
    return windowSize;
  }

  /**
   * Features of a waveform, time-major: {@code out[t * numFeatures + f]}.
   *
   * @param ditherSeed seeds the Gaussian dither (used only when dither > 0), so reruns are identical
   * @throws IllegalArgumentException if the waveform is shorter than one frame (torchaudio refuses too)
   */
  public float[] compute(double[] x, long ditherSeed) {
    if (x.length < windowSize) {
      throw new IllegalArgumentException(x.length + " samples, shorter than one " + o.frameLengthMs()
          + " ms frame (" + windowSize + " samples)");
    }
    int frames = numFrames(x.length);
    int nf = o.numFeatures();
    float[] out = new float[frames * nf];
    SplittableRandom rng = o.dither() > 0 ? new SplittableRandom(ditherSeed) : null;
    int pad = windowSize / 2 - shift / 2; // reflection at the start when not snipping edges
    for (int t = 0; t < frames; t++) {
      int start = t * shift;
      for (int i = 0; i < windowSize; i++) {
        frame[i] = o.snipEdges() ? x[start + i] : reflected(x, start + i - pad);
      }
      if (rng != null) {
        for (int i = 0; i < windowSize; i++) {
          frame[i] += gaussian(rng) * o.dither();
        }
      }
      if (o.removeDcOffset()) {
        double mean = 0;
        for (int i = 0; i < windowSize; i++) {
          mean += frame[i];
        }
        mean /= windowSize;
        for (int i = 0; i < windowSize; i++) {
          frame[i] -= mean;
        }
      }
      double logEnergy = o.useEnergy() ? logEnergy(frame, windowSize) : 0; // raw energy: before pre-emphasis
      if (o.preemphasis() != 0) {
        for (int i = windowSize - 1; i > 0; i--) {
          frame[i] -= o.preemphasis() * frame[i - 1];
        }
        frame[0] -= o.preemphasis() * frame[0];
      }
      for (int i = 0; i < windowSize; i++) {
        buf[i] = frame[i] * window[i];
      }
      java.util.Arrays.fill(buf, windowSize, padded, 0);
      powerSpectrum();
      int base = t * nf;
      if (o.useEnergy()) {
        out[base++] = (float) logEnergy;
      }
      for (int b = 0; b < o.melBins(); b++) {
        double[] w = weights[b];
        int f0 = first[b];
        double e = 0;
        for (int k = 0; k < w.length; k++) {
          e += w[k] * spectrum[f0 + k];
        }
        out[base + b] = (float) (o.useLog() ? StrictMath.log(Math.max(e, EPSILON)) : e);
      }
    }
    return out;
  }

  /** |FFT(buf)|^2 (or |FFT|) into spectrum[0 .. padded/2]. */
  private void powerSpectrum() {
    fft.realForward(buf); // packed: buf[0] = Re0, buf[1] = Re(n/2), buf[2k], buf[2k+1] = Re, Im of bin k
    int half = padded / 2;
    spectrum[0] = buf[0] * buf[0];
    spectrum[half] = buf[1] * buf[1];
    for (int k = 1; k < half; k++) {
      double re = buf[2 * k];
      double im = buf[2 * k + 1];
      spectrum[k] = re * re + im * im;
    }
    if (!o.usePower()) {
      for (int k = 0; k <= half; k++) {
        spectrum[k] = Math.sqrt(spectrum[k]);
      }
    }
  }

  private double logEnergy(double[] f, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += f[i] * f[i];
    }
    double e = StrictMath.log(Math.max(s, EPSILON));
    return o.energyFloor() == 0 ? e : Math.max(e, StrictMath.log(o.energyFloor()));
  }

  /**
   * Sample {@code i} of Kaldi's reflected signal for snip_edges=false: before the start, the first
   * samples mirrored including x[0] (x[-1] = x[0]); past the end, the signal reversed from its last
   * sample (x[n] = x[n-1]).
   */
  private static double reflected(double[] x, int i) {
    int n = x.length;
    if (i < 0) {
      return x[-i - 1];
    }
    if (i >= n) {
      return x[2 * n - 1 - i];
    }
    return x[i];
  }

  static double mel(double hz) {
    return 1127.0 * StrictMath.log(1.0 + hz / 700.0);
  }

  /** Kaldi's window of {@code n} samples (symmetric: the "periodic=False" forms of torch). */
  static double[] window(Window type, int n) {
    double[] w = new double[n];
    double a = 2 * Math.PI / (n - 1);
    for (int i = 0; i < n; i++) {
      w[i] = switch (type) {
        case HANNING -> 0.5 - 0.5 * StrictMath.cos(a * i);
        case POVEY -> StrictMath.pow(0.5 - 0.5 * StrictMath.cos(a * i), 0.85);
        case HAMMING -> 0.54 - 0.46 * StrictMath.cos(a * i);
        case BLACKMAN -> 0.42 - 0.5 * StrictMath.cos(a * i) + (0.5 - 0.42) * StrictMath.cos(2 * a * i);
        case RECTANGULAR -> 1.0;
      };
    }
    return w;
  }

  /** A standard normal deviate from two uniforms (Box-Muller), deterministic for a seed. */
  private static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble(); // (0, 1]
    double u2 = r.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
