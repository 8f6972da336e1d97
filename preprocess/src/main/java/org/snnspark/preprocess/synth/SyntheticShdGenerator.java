package org.snnspark.preprocess.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.snnspark.preprocess.hdf5.Float16;
import org.snnspark.preprocess.hdf5.ShdH5Writer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deterministic synthetic stand-in for the Spiking Heidelberg Digits: writes {@code shd_train.h5}
 * and {@code shd_test.h5} in the real SHD layout (see {@link ShdH5Writer}: vlen float16 times in
 * seconds, vlen uint16 units, uint16 labels, speakers, class names, speaker meta info).
 *
 * <h2>What a sample looks like</h2>
 * The channels are divided into {@code bands} equal frequency bands ("formants"). Every sample of
 * every class visits <em>all</em> bands, once each, one after the other; a class is one order of
 * the bands (class names spell it: {@code "order-CAEBFD"}). Inside its time segment the active band
 * is a rising sweep: the firing channel moves from the band's low edge to its high edge, with
 * Gaussian spread. Classes' orders are drawn from the seed so that any two differ in many pairwise
 * positions (large Kendall distance), not just by one swap.
 *
 * <p>Nuisance variation, none of which depends on the class:
 * <ul>
 *   <li>speaker (fixed per speaker id, from the seed): time warp 0.85-1.15, onset 10-80 ms, channel
 *       shift of up to ±12 channels (scaled to the channel count), spike-rate gain 0.8-1.2;
 *   <li>per sample: active length 50-80% of {@code maxDuration} (times the warp), segment lengths
 *       varied ±30%, neighbouring segments overlapping by 15% (co-articulation), Poisson spike counts,
 *       time jitter ({@code jitter}), and uniform background spikes on all channels
 *       ({@code noiseRate}).
 * </ul>
 *
 * <h2>Why a trivial rule cannot solve it</h2>
 * Every class uses the same bands for the same expected time with the same expected number of
 * spikes, so per-channel spike counts, total spike counts and durations have the same distribution
 * in every class (the tests check that a nearest-centroid classifier on per-channel counts stays
 * near chance). Only <em>when</em> each band fires relative to the others tells classes apart — the
 * kind of temporal structure a recurrent spiking network integrates (the tests check that decoding
 * the band order from timing recovers the labels).
 *
 * <h2>Splits and speakers</h2>
 * Like SHD, the highest {@code testOnlySpeakers} speaker ids never occur in the training file; half
 * of the test samples come from them, the other half from training speakers. Labels are balanced
 * (a seeded shuffle of {@code index mod classes}).
 *
 * <h2>Determinism</h2>
 * Every sample draws from its own {@link SplittableRandom} seeded from (seed, split, index), and the
 * HDF5 writer records no timestamps: the same config gives the same file bytes on any machine.
 */
public final class SyntheticShdGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticShdGenerator.class);
  private static final int BLOCK = 256;
  static final int TRAIN = 0;
  static final int TEST = 1;

  private final SyntheticShdConfig cfg;
  private final int[][] classOrders;
  private final Speaker[] speakerParams;

  /** One speaker's fixed nuisance parameters. */
  record Speaker(double warp, double onset, double channelShift, double gain, String gender, int age, double height) {}

  /** One generated sample: spike times (float16-exact, sorted) and units, label and speaker. */
  public record Sample(float[] times, int[] units, int label, int speaker) {}

  public SyntheticShdGenerator(SyntheticShdConfig cfg) {
    this.cfg = cfg;
    this.classOrders = chooseClassOrders(cfg);
    this.speakerParams = new Speaker[cfg.speakers()];
    for (int s = 0; s < cfg.speakers(); s++) {
      SplittableRandom r = new SplittableRandom(mix(cfg.seed(), 0x5EA4E7L, s));
      double shiftRange = 12.0 * cfg.channels() / 700.0;
      speakerParams[s] = new Speaker(
          0.85 + 0.30 * r.nextDouble(),
          0.010 + 0.070 * r.nextDouble(),
          shiftRange * (2 * r.nextDouble() - 1),
          0.8 + 0.4 * r.nextDouble(),
          r.nextBoolean() ? "female" : "male",
          20 + r.nextInt(41),
          Math.round((1.55 + 0.40 * r.nextDouble()) * 100) / 100.0);
    }
  }

  /**
   * Writes {@code shd_train.h5} and {@code shd_test.h5} into {@code outDir} (created if missing).
   * Each file is written under a temporary name and moved into place, so a crash leaves no
   * half-written file under the final name.
   *
   * @return the two files, train first
   * @throws UncheckedIOException if a file cannot be written (the message names it)
   */
  public List<Path> generate(Path outDir) {
    long t0 = System.nanoTime();
    List<Path> out = new ArrayList<>();
    try {
      Files.createDirectories(outDir);
      out.add(writeSplit(outDir.resolve("shd_train.h5"), TRAIN, cfg.trainSamples()));
      out.add(writeSplit(outDir.resolve("shd_test.h5"), TEST, cfg.testSamples()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write synthetic SHD files to " + outDir + ": " + e.getMessage(), e);
    }
    LOG.info("synthetic SHD: {} train + {} test samples, {} classes, {} channels written to {} in {} ms",
        cfg.trainSamples(), cfg.testSamples(), cfg.classes(), cfg.channels(), outDir,
        (System.nanoTime() - t0) / 1_000_000);
    return out;
  }

  /** Class names, indexed by label: {@code order-} followed by the band letters in firing order. */
  public List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (int[] order : classOrders) {
      StringBuilder sb = new StringBuilder("order-");
      for (int b : order) {
        sb.append((char) ('A' + b));
      }
      names.add(sb.toString());
    }
    return names;
  }

  /** The band order of a class (band 0 = lowest channels). */
  public int[] classOrder(int label) {
    return classOrders[label].clone();
  }

  /** The first channel of each band and the band width; band b spans [b*width, (b+1)*width). */
  public double bandWidth() {
    return (double) cfg.channels() / cfg.bands();
  }

  private Path writeSplit(Path target, int split, int n) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    int[] labels = labels(split, n);
    int[] speakers = new int[n];
    try (ShdH5Writer w = new ShdH5Writer(tmp, n)) {
      for (int start = 0; start < n; start += BLOCK) {
        int m = Math.min(BLOCK, n - start);
        short[][] times = new short[m][];
        int[][] units = new int[m][];
        for (int i = 0; i < m; i++) {
          Sample s = sample(split, start + i, labels[start + i]);
          speakers[start + i] = s.speaker();
          times[i] = new short[s.times().length];
          for (int k = 0; k < times[i].length; k++) {
            times[i][k] = Float16.fromFloat(s.times()[k]);
          }
          units[i] = s.units();
        }
        w.writeSpikes(start, times, units);
      }
      w.writeLabels(labels);
      w.writeSpeakers(speakers);
      w.writeKeys(classNames());
      List<String> gender = new ArrayList<>();
      int[] age = new int[cfg.speakers()];
      double[] height = new double[cfg.speakers()];
      for (int s = 0; s < cfg.speakers(); s++) {
        gender.add(speakerParams[s].gender());
        age[s] = speakerParams[s].age();
        height[s] = speakerParams[s].height();
      }
      w.writeMetaInfo(gender, age, height);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /** Balanced labels: a seeded shuffle of {@code i mod classes}. */
  private int[] labels(int split, int n) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % cfg.classes();
    }
    SplittableRandom r = new SplittableRandom(mix(cfg.seed(), 0x1ABE15L, split));
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = labels[i];
      labels[i] = labels[j];
      labels[j] = t;
    }
    return labels;
  }

  /** Sample {@code index} of the train ({@code test=false}) or test file, as it is written. */
  public Sample sample(boolean test, int index) {
    int split = test ? TEST : TRAIN;
    int n = test ? cfg.testSamples() : cfg.trainSamples();
    if (index < 0 || index >= n) {
      throw new IndexOutOfBoundsException("sample " + index + " of " + n);
    }
    return sample(split, index, labels(split, n)[index]);
  }

  private Sample sample(int split, int index, int label) {
    SplittableRandom r = new SplittableRandom(mix(cfg.seed(), split + 1, index));
    int trainSpeakers = cfg.speakers() - cfg.testOnlySpeakers();
    int speaker;
    if (split == TEST && cfg.testOnlySpeakers() > 0 && r.nextBoolean()) {
      speaker = trainSpeakers + r.nextInt(cfg.testOnlySpeakers());
    } else {
      speaker = r.nextInt(trainSpeakers);
    }
    Speaker sp = speakerParams[speaker];
    double maxDur = cfg.maxDuration();
    int bands = cfg.bands();

    double onset = sp.onset() + 0.02 * r.nextDouble();
    double active = (0.5 + 0.3 * r.nextDouble()) * maxDur * sp.warp();
    double end = Math.min(onset + active, 0.97 * maxDur);
    double length = Math.min(maxDur, end + 0.05 * r.nextDouble() * maxDur);
    active = end - onset;

    double[] w = new double[bands];
    double sum = 0;
    for (int j = 0; j < bands; j++) {
      w[j] = 1 + 0.6 * (r.nextDouble() - 0.5);
      sum += w[j];
    }

    double bandWidth = bandWidth();
    double halfSpan = 0.35 * bandWidth;
    double spread = 0.25 * halfSpan;
    int[] order = classOrders[label];
    double rate = cfg.signalRate() * sp.gain();
    SpikeList spikes = new SpikeList();
    double segStart = onset;
    for (int j = 0; j < bands; j++) {
      double segLen = active * w[j] / sum;
      // neighbouring segments overlap a little, as formant transitions do
      double a = Math.max(0, segStart - 0.075 * segLen);
      double b = Math.min(length, segStart + segLen * 1.075);
      double center = (order[j] + 0.5) * bandWidth + sp.channelShift();
      int count = poisson(r, rate * (b - a));
      for (int k = 0; k < count; k++) {
        double u = r.nextDouble();
        double t = a + u * (b - a) + cfg.jitter() * gaussian(r);
        double ch = center + halfSpan * (2 * u - 1) + spread * gaussian(r);
        spikes.add(clamp(t, 0, length), (int) clamp(Math.rint(ch), 0, cfg.channels() - 1));
      }
      segStart += segLen;
    }
    int noise = poisson(r, cfg.noiseRate() * length);
    for (int k = 0; k < noise; k++) {
      spikes.add(r.nextDouble() * length, r.nextInt(cfg.channels()));
    }
    return spikes.toSample(label, speaker);
  }

  /** Growable (time, unit) list; sorts by float16 time then unit, as stored. */
  private static final class SpikeList {
    private float[] t = new float[1024];
    private int[] u = new int[1024];
    private int n;

    void add(double time, int unit) {
      if (n == t.length) {
        t = Arrays.copyOf(t, 2 * n);
        u = Arrays.copyOf(u, 2 * n);
      }
      t[n] = Float16.round((float) time); // sort the values the file will hold
      u[n] = unit;
      n++;
    }

    Sample toSample(int label, int speaker) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        // non-negative floats order like their bit patterns; the unit breaks ties
        keys[i] = ((long) Float.floatToIntBits(t[i]) << 32) | (u[i] & 0xffffffffL);
      }
      Arrays.sort(keys);
      float[] times = new float[n];
      int[] units = new int[n];
      for (int i = 0; i < n; i++) {
        times[i] = Float.intBitsToFloat((int) (keys[i] >>> 32));
        units[i] = (int) keys[i];
      }
      return new Sample(times, units, label, speaker);
    }
  }

  /**
   * Picks {@code classes} band orders, spreading them apart: a seeded shuffle of all orders, each
   * kept only if its Kendall distance to every order kept so far reaches a threshold that starts
   * high and is lowered until enough orders are found.
   */
  static int[][] chooseClassOrders(SyntheticShdConfig cfg) {
    List<int[]> all = new ArrayList<>();
    permutations(new int[cfg.bands()], new boolean[cfg.bands()], 0, all);
    SplittableRandom r = new SplittableRandom(mix(cfg.seed(), 0xC1A55L, 0));
    for (int i = all.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int[] t = all.get(i);
      all.set(i, all.get(j));
      all.set(j, t);
    }
    int maxDistance = cfg.bands() * (cfg.bands() - 1) / 2;
    for (int threshold = maxDistance; threshold >= 1; threshold--) {
      List<int[]> chosen = new ArrayList<>();
      for (int[] p : all) {
        boolean far = true;
        for (int[] q : chosen) {
          if (kendall(p, q) < threshold) {
            far = false;
            break;
          }
        }
        if (far) {
          chosen.add(p);
          if (chosen.size() == cfg.classes()) {
            return chosen.toArray(new int[0][]);
          }
        }
      }
    }
    throw new IllegalStateException("unreachable: threshold 1 accepts every distinct order");
  }

  private static void permutations(int[] cur, boolean[] used, int pos, List<int[]> out) {
    if (pos == cur.length) {
      out.add(cur.clone());
      return;
    }
    for (int b = 0; b < cur.length; b++) {
      if (!used[b]) {
        used[b] = true;
        cur[pos] = b;
        permutations(cur, used, pos + 1, out);
        used[b] = false;
      }
    }
  }

  /** Number of band pairs that two orders put in opposite order. */
  static int kendall(int[] p, int[] q) {
    int[] posQ = new int[q.length];
    for (int i = 0; i < q.length; i++) {
      posQ[q[i]] = i;
    }
    int d = 0;
    for (int i = 0; i < p.length; i++) {
      for (int j = i + 1; j < p.length; j++) {
        if (posQ[p[i]] > posQ[p[j]]) {
          d++;
        }
      }
    }
    return d;
  }

  private static int poisson(SplittableRandom r, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda < 30) { // Knuth: exact, cheap for small means
      double limit = StrictMath.exp(-lambda);
      double p = r.nextDouble();
      int k = 0;
      while (p > limit) {
        p *= r.nextDouble();
        k++;
      }
      return k;
    }
    return (int) Math.max(0, Math.rint(lambda + Math.sqrt(lambda) * gaussian(r)));
  }

  /**
   * Box-Muller from {@code nextDouble()} only, with StrictMath: {@code nextGaussian}'s algorithm and
   * Math.log/cos intrinsics are not pinned down across JDKs and CPUs, and the files must not change.
   */
  private static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble(); // (0, 1]
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** SplitMix64 finaliser over the three inputs: independent streams per (seed, a, b). */
  static long mix(long seed, long a, long b) {
    long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
