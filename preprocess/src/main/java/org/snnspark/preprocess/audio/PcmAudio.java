package org.snnspark.preprocess.audio;

/**
 * Decoded audio: samples as floats in [-1, 1] per channel ({@code samples[channel][frame]}), scaled
 * the way torchaudio.load(normalize=True) scales them (signed n-bit integers divided by
 * 2^(n-1), unsigned 8-bit as (v - 128) / 128, float data as stored).
 *
 * @param sampleRate frames per second
 * @param samples one array per channel, all of the same length
 * @param encoding what the file held, e.g. {@code "WAV PCM 16-bit"} (for messages and statistics)
 */
public record PcmAudio(int sampleRate, float[][] samples, String encoding) {

  public int channels() {
    return samples.length;
  }

  public int frames() {
    return samples.length == 0 ? 0 : samples[0].length;
  }

  public double seconds() {
    return (double) frames() / sampleRate;
  }

  /**
   * One channel: the mean of all channels (librosa's and torchaudio's usual mono mixdown), or the
   * first channel only (what torchaudio.compliance.kaldi.fbank reads with its default channel=-1).
   */
  public double[] mono(boolean firstChannelOnly) {
    int n = frames();
    double[] out = new double[n];
    if (firstChannelOnly || samples.length == 1) {
      float[] c = samples[0];
      for (int i = 0; i < n; i++) {
        out[i] = c[i];
      }
      return out;
    }
    for (float[] c : samples) {
      for (int i = 0; i < n; i++) {
        out[i] += c[i];
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] /= samples.length; // a division, as numpy/torch mean: the same rounding
    }
    return out;
  }
}
