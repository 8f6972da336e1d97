package org.snnspark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.snnspark.preprocess.audio.AudioDecoder;
import org.snnspark.preprocess.audio.AudioPreprocessConfig;
import org.snnspark.preprocess.audio.FeatureExtractor;
import org.snnspark.preprocess.audio.PcmAudio;
import org.snnspark.preprocess.audio.Resampler;
import org.snnspark.preprocess.audio.WavEncoder;

/**
 * Throughput of the audio pipeline on one core: seconds of audio processed per second of one
 * thread's CPU time (the number to multiply by cores for a Spark executor), for
 * <ul>
 *   <li>{@code fbank}: sparch's Kaldi fbank on 16 kHz audio;
 *   <li>{@code mel}: Yin et al.'s 1 s clips — peak normalisation, centred pad, mel, log1p, deltas 1+2;
 *   <li>{@code wav+fbank}: 16-bit WAV decoding plus fbank (the Speech Commands path);
 *   <li>{@code resample 48k->16k}: the default Kaiser resampler (the Heidelberg Digits path adds it).
 * </ul>
 * The signal is synthetic speech-like audio (a seeded mix of harmonic tones and noise, 1 s clips):
 * feature cost does not depend on content. Each figure is measured after a warm-up, for at least
 * the given time, single-threaded.
 */
public final class AudioFeatureBench {
  /**
   * One measurement: {@code audioSeconds} of audio processed in {@code cpuSeconds} of the measuring
   * thread's CPU time ({@code wallSeconds} elapsed; more when other processes share the cores).
   */
  public record Figure(String name, double audioSeconds, double cpuSeconds, double wallSeconds) {
    /** Seconds of audio per second of one core (CPU time, so other load on the machine does not count). */
    public double realtimeFactor() {
      return audioSeconds / cpuSeconds;
    }

    @Override
    public String toString() {
      return String.format("%-20s %8.0f s audio/s/core (%.1f s of audio in %.2f s CPU, %.2f s wall)", name,
          realtimeFactor(), audioSeconds, cpuSeconds, wallSeconds);
    }
  }

  private AudioFeatureBench() {}

  /** Runs every figure for about {@code secondsEach} seconds (after a warm-up of a quarter of that). */
  public static List<Figure> run(double secondsEach) {
    int rate = 16000;
    float[] clip = speechLike(rate, 1.0, 1);
    float[] clip48 = speechLike(48000, 1.0, 2);
    PcmAudio pcm = new PcmAudio(rate, new float[][] {clip}, "synthetic");
    byte[] wav = WavEncoder.pcm16(clip, rate);
    List<Figure> out = new ArrayList<>();

    AudioPreprocessConfig fbankCfg = new AudioPreprocessConfig();
    FeatureExtractor fbank = new FeatureExtractor(fbankCfg);
    out.add(measure("fbank", secondsEach, 1.0, () -> fbank.extract(pcm, "bench", 0)));

    AudioPreprocessConfig melCfg = new AudioPreprocessConfig().setFeatures(AudioPreprocessConfig.Features.MEL)
        .setPeakNormalize(true).setClipSeconds(1).setClipAlign(AudioPreprocessConfig.ClipAlign.CENTER);
    FeatureExtractor mel = new FeatureExtractor(melCfg);
    out.add(measure("mel+deltas", secondsEach, 1.0, () -> mel.extract(pcm, "bench", 0)));

    out.add(measure("wav+fbank", secondsEach, 1.0, () -> fbank.extract(AudioDecoder.decode(wav, "bench"), "bench", 0)));

    Resampler kaiser = new Resampler(48000, rate, fbankCfg.getResampleWindow(), fbankCfg.getResampleLowpassWidth(),
        fbankCfg.getResampleRolloff(), Resampler.DEFAULT_BETA);
    double[] x48 = new PcmAudio(48000, new float[][] {clip48}, "synthetic").mono(false);
    out.add(measure("resample 48k->16k", secondsEach, 1.0, () -> kaiser.apply(x48)));
    return out;
  }

  private static Figure measure(String name, double seconds, double audioPerCall, Runnable work) {
    // warm-up: let the JIT compile the hot loops before timing (a quarter of the time, at least 0.2 s)
    long warmEnd = System.nanoTime() + (long) (Math.max(0.2, seconds * 0.25) * 1e9);
    while (System.nanoTime() < warmEnd) {
      work.run();
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean cpu = mx.isCurrentThreadCpuTimeSupported();
    long calls = 0;
    long c0 = cpu ? mx.getCurrentThreadCpuTime() : 0;
    long t0 = System.nanoTime();
    long end = t0 + (long) (seconds * 1e9);
    long now;
    do {
      work.run();
      calls++;
      now = System.nanoTime();
    } while (now < end);
    double wall = (now - t0) / 1e9;
    double cpuSeconds = cpu ? (mx.getCurrentThreadCpuTime() - c0) / 1e9 : wall;
    return new Figure(name, calls * audioPerCall, cpuSeconds, wall);
  }

  /** A seeded speech-like test signal: a few harmonic series with moving pitch, plus noise, in [-0.5, 0.5]. */
  static float[] speechLike(int rate, double seconds, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = (int) Math.round(rate * seconds);
    float[] x = new float[n];
    double f0 = 100 + 100 * r.nextDouble();
    double phase = 0;
    for (int i = 0; i < n; i++) {
      double t = (double) i / rate;
      double f = f0 * (1 + 0.2 * Math.sin(2 * Math.PI * 3 * t));
      phase += 2 * Math.PI * f / rate;
      double v = 0;
      for (int h = 1; h <= 8; h++) {
        v += Math.sin(h * phase) / h;
      }
      x[i] = (float) (0.2 * v * (0.5 + 0.5 * Math.sin(2 * Math.PI * 2 * t)) + 0.02 * (r.nextDouble() - 0.5));
    }
    return x;
  }

  /** Prints the figures (a quick look without the CLI). */
  public static void main(String[] args) {
    double each = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    run(each).forEach(System.out::println);
  }
}
