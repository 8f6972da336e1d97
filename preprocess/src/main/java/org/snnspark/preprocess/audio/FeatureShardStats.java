package org.snnspark.preprocess.audio;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.HadoopFiles;

/**
 * Statistics of the samples of one shard (one partition after the shuffle, rows in final order),
 * merged per split on the driver, in shard order, into the manifest's
 * {@link DatasetManifest.FeatureStats} and the per-feature mean / std. Per-feature moments are
 * Welford's running mean and sum of squared deviations, merged with Chan et al.'s formula, so large
 * splits do not lose precision to sums of squares.
 */
final class FeatureShardStats implements Serializable {
  private static final long serialVersionUID = 1L;

  final int shard;
  String split;
  long rows;
  long frames;
  long minFrames = Long.MAX_VALUE;
  long maxFrames;
  double seconds;
  double minSeconds = Double.MAX_VALUE;
  double maxSeconds;
  long bytes;
  long padded;
  long cropped;
  long resampled;
  final TreeMap<Integer, Long> rates = new TreeMap<>();
  final long[] classCounts;
  final double[] mean;
  final double[] m2;
  final List<DatasetManifest.Skipped> skipped = new ArrayList<>();
  /** SHA-256 over "sample_id sha256-of-source\n" of the written rows, hex; set by {@link #finish}. */
  String contentSha256;
  private transient MessageDigest digest;

  FeatureShardStats(int shard, int classes, int features) {
    this.shard = shard;
    this.classCounts = new long[classes];
    this.mean = new double[features];
    this.m2 = new double[features];
  }

  void add(AudioRecord r) {
    split = r.split;
    if (r.problem != null) {
      skipped.add(new DatasetManifest.Skipped(r.sourceFile, r.sourceIndex, r.problem));
      return;
    }
    rows++;
    minFrames = Math.min(minFrames, r.nFrames);
    maxFrames = Math.max(maxFrames, r.nFrames);
    seconds += r.sourceSeconds;
    minSeconds = Math.min(minSeconds, r.sourceSeconds);
    maxSeconds = Math.max(maxSeconds, r.sourceSeconds);
    bytes += r.sourceBytes;
    padded += r.padded ? 1 : 0;
    cropped += r.cropped ? 1 : 0;
    resampled += r.resampled ? 1 : 0;
    rates.merge(r.sourceRate, 1L, Long::sum);
    classCounts[r.label]++;
    int nf = mean.length;
    for (int t = 0; t < r.nFrames; t++) {
      frames++;
      int base = t * nf;
      for (int k = 0; k < nf; k++) {
        double x = r.features[base + k];
        double d = x - mean[k];
        mean[k] += d / frames;
        m2[k] += d * (x - mean[k]);
      }
    }
    if (digest == null) {
      digest = HadoopFiles.newSha256();
    }
    digest.update((r.sampleId + " " + r.sha256 + "\n").getBytes(StandardCharsets.UTF_8));
  }

  FeatureShardStats finish() {
    contentSha256 = digest == null ? null : HexFormat.of().formatHex(digest.digest());
    return this;
  }

  /** Running per-feature moments of a split (Chan et al.'s parallel merge). */
  static final class Moments {
    long n;
    final double[] mean;
    final double[] m2;

    Moments(int features) {
      mean = new double[features];
      m2 = new double[features];
    }

    void merge(FeatureShardStats s) {
      if (s.frames == 0) {
        return;
      }
      long total = n + s.frames;
      for (int k = 0; k < mean.length; k++) {
        double d = s.mean[k] - mean[k];
        mean[k] += d * s.frames / total;
        m2[k] += s.m2[k] + d * d * ((double) n * s.frames / total);
      }
      n = total;
    }

    /** Population standard deviation of each feature. */
    double[] std() {
      double[] s = new double[mean.length];
      for (int k = 0; k < s.length; k++) {
        s[k] = n == 0 ? 0 : Math.sqrt(m2[k] / n);
      }
      return s;
    }
  }

  /** Adds this shard's numbers into a split's statistics (shards in order). */
  void mergeInto(DatasetManifest.FeatureStats s, Moments moments, MessageDigest splitDigest) {
    if (s.classCounts.isEmpty()) {
      for (int k = 0; k < classCounts.length; k++) {
        s.classCounts.add(0L);
      }
      s.minFrames = Long.MAX_VALUE;
      s.minSourceSeconds = Double.MAX_VALUE;
    }
    s.samples += rows;
    s.frames += frames;
    s.minFrames = Math.min(s.minFrames, minFrames);
    s.maxFrames = Math.max(s.maxFrames, maxFrames);
    s.meanFrames = s.samples == 0 ? 0 : (double) s.frames / s.samples;
    s.sourceSeconds += seconds;
    s.minSourceSeconds = Math.min(s.minSourceSeconds, minSeconds);
    s.maxSourceSeconds = Math.max(s.maxSourceSeconds, maxSeconds);
    s.sourceBytes += bytes;
    s.padded += padded;
    s.cropped += cropped;
    s.resampled += resampled;
    for (Map.Entry<Integer, Long> e : rates.entrySet()) {
      s.sourceSampleRates.merge(String.valueOf(e.getKey()), e.getValue(), Long::sum);
    }
    for (int k = 0; k < classCounts.length; k++) {
      s.classCounts.set(k, s.classCounts.get(k) + classCounts[k]);
    }
    moments.merge(this);
    if (contentSha256 != null) {
      splitDigest.update((contentSha256 + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
