package org.snnspark.preprocess.audio;

import java.util.HashMap;
import java.util.Map;

/**
 * Decoded audio to features, as configured: mono mixdown, resampling to the target rate, peak
 * normalisation, waveform scale, pad/crop to the clip length, then Kaldi fbank or mel spectrogram
 * (log, deltas). One instance per thread: the feature transforms own FFTs and buffers.
 */
public final class FeatureExtractor {
  /**
   * The features of one clip and what happened on the way.
   *
   * @param features time-major {@code [frames * numFeatures]}
   * @param sourceSeconds duration of the decoded audio before resampling and padding
   * @param padded samples of zeros added (at the target rate); @param cropped samples cut
   */
  public record Result(float[] features, int frames, int numFeatures, int sourceRate, int sourceChannels,
      double sourceSeconds, boolean resampled, int padded, int cropped) {}

  private final AudioPreprocessConfig cfg;
  private final KaldiFbank fbank;
  private final MelSpectrogram mel;
  private final SavitzkyGolay[] deltas;
  private final Map<Integer, Resampler> resamplers = new HashMap<>();

  public FeatureExtractor(AudioPreprocessConfig cfg) {
    this.cfg = cfg;
    if (cfg.getFeatures() == AudioPreprocessConfig.Features.FBANK) {
      this.fbank = new KaldiFbank(cfg.fbankOptions());
      this.mel = null;
      this.deltas = new SavitzkyGolay[0];
    } else {
      this.fbank = null;
      this.mel = new MelSpectrogram(cfg.melOptions());
      this.deltas = new SavitzkyGolay[cfg.getMelDeltaOrder()];
      for (int k = 1; k <= deltas.length; k++) {
        deltas[k - 1] = new SavitzkyGolay(cfg.getMelDeltaWidth(), k);
      }
    }
  }

  public int numFeatures() {
    return cfg.numFeatures();
  }

  /** Frames a waveform of {@code n} samples (at the target rate, after padding) gives. */
  public int numFrames(int n) {
    return fbank != null ? fbank.numFrames(n) : mel.numFrames(n);
  }

  /**
   * Features of a decoded clip.
   *
   * @param name the file, for error messages
   * @param seed seeds the dither (fbankDither > 0 only)
   * @throws AudioDataException naming the file when the clip is too short for the features
   */
  public Result extract(PcmAudio audio, String name, long seed) {
    double[] x = audio.mono(cfg.getMixdown() == AudioPreprocessConfig.Mixdown.FIRST);
    boolean resampled = audio.sampleRate() != cfg.getSampleRate();
    if (resampled) {
      x = resampler(audio.sampleRate()).apply(x);
    }
    if (cfg.isPeakNormalize()) {
      peakNormalize(x);
    }
    // read once: an option is a map lookup, not a field
    double scale = cfg.getWaveformScale();
    if (scale != 1) {
      for (int i = 0; i < x.length; i++) {
        x[i] *= scale;
      }
    }
    int n = x.length;
    int padded = 0;
    int cropped = 0;
    int size = cfg.clipSamples();
    if (size > 0 && n != size) {
      if (n < size) {
        padded = size - n;
      } else {
        cropped = n - size;
      }
      x = fit(x, size, cfg.getClipAlign());
    }
    float[] f;
    try {
      f = fbank != null ? fbank.compute(x, seed) : melFeatures(x);
    } catch (IllegalArgumentException e) {
      throw new AudioDataException(name, "too short for the features: " + e.getMessage()
          + " (" + String.format("%.4f", audio.seconds()) + " s of audio; clipSeconds pads short clips)");
    }
    int nf = numFeatures();
    return new Result(f, f.length / nf, nf, audio.sampleRate(), audio.channels(), audio.seconds(), resampled,
        padded, cropped);
  }

  /** Mel spectrogram, log scaling, deltas stacked after the static features per frame. */
  private float[] melFeatures(double[] x) {
    double[][] s = mel.compute(x);
    int frames = s.length;
    int bins = s[0].length;
    logScale(s, cfg.getMelLog());
    double[][][] channels = new double[1 + deltas.length][][];
    channels[0] = s;
    for (int k = 0; k < deltas.length; k++) {
      channels[k + 1] = deltas[k].apply(s); // librosa.feature.delta(order=k+1) of the log features
    }
    int nf = channels.length * bins;
    float[] out = new float[frames * nf];
    for (int t = 0; t < frames; t++) {
      for (int c = 0; c < channels.length; c++) {
        double[] row = channels[c][t];
        int base = t * nf + c * bins;
        for (int m = 0; m < bins; m++) {
          out[base + m] = (float) row[m];
        }
      }
    }
    return out;
  }

  static void logScale(double[][] s, AudioPreprocessConfig.MelLog mode) {
    switch (mode) {
      case LOG1P_MAX -> {
        double max = 0;
        for (double[] row : s) {
          for (double v : row) {
            max = Math.max(max, Math.abs(v));
          }
        }
        if (max > 0) { // Yin et al.: log1p(S / max|S|); an all-zero clip stays zero
          for (double[] row : s) {
            for (int i = 0; i < row.length; i++) {
              row[i] = StrictMath.log1p(row[i] / max);
            }
          }
        }
      }
      case LOG -> {
        for (double[] row : s) {
          for (int i = 0; i < row.length; i++) {
            row[i] = StrictMath.log(Math.max(row[i], 1e-10));
          }
        }
      }
      case DB -> {
        for (double[] row : s) {
          for (int i = 0; i < row.length; i++) {
            row[i] = 10.0 * StrictMath.log10(Math.max(row[i], 1e-10));
          }
        }
      }
      case NONE -> { }
    }
  }

  private Resampler resampler(int from) {
    return resamplers.computeIfAbsent(from, r -> new Resampler(r, cfg.getSampleRate(), cfg.getResampleWindow(),
        cfg.getResampleLowpassWidth(), cfg.getResampleRolloff(), Resampler.DEFAULT_BETA));
  }

  private static void peakNormalize(double[] x) {
    double peak = 0;
    for (double v : x) {
      peak = Math.max(peak, Math.abs(v));
    }
    if (peak > 0) { // a silent clip stays silent
      for (int i = 0; i < x.length; i++) {
        x[i] /= peak;
      }
    }
  }

  /** Pads with zeros or crops to {@code size}: at the end (START) or both sides evenly (CENTER). */
  static double[] fit(double[] x, int size, AudioPreprocessConfig.ClipAlign align) {
    double[] out = new double[size];
    int n = x.length;
    if (n <= size) {
      int left = align == AudioPreprocessConfig.ClipAlign.CENTER ? (size - n) / 2 : 0; // Yin's Pad
      System.arraycopy(x, 0, out, left, n);
    } else {
      int from = align == AudioPreprocessConfig.ClipAlign.CENTER ? (n - size) / 2 : 0;
      System.arraycopy(x, from, out, 0, size);
    }
    return out;
  }
}
