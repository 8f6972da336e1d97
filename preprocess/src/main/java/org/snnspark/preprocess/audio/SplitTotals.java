package org.snnspark.preprocess.audio;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.EmptySplit;
import org.snnspark.preprocess.dataset.HadoopFiles;

/**
 * The shards' statistics merged per split, in shard order (so the sums, moments and content
 * fingerprints do not depend on the order tasks finished in): what the manifest says of each split,
 * the train split's per-feature moments, the skipped samples and every shard's row count.
 */
final class SplitTotals {
  final Map<String, DatasetManifest.FeatureStats> bySplit = new LinkedHashMap<>();
  final Map<String, FeatureShardStats.Moments> moments = new LinkedHashMap<>();
  final List<DatasetManifest.Skipped> skipped = new ArrayList<>();
  final long[] shardRows;

  /**
   * @throws IllegalArgumentException when a split has no samples left (see {@link EmptySplit})
   */
  SplitTotals(AudioPlan plan, List<FeatureShardStats> stats, int features) {
    Map<String, MessageDigest> digests = new LinkedHashMap<>();
    for (String split : plan.splitCounts.keySet()) {
      bySplit.put(split, new DatasetManifest.FeatureStats());
      moments.put(split, new FeatureShardStats.Moments(features));
      digests.put(split, HadoopFiles.newSha256());
    }
    List<FeatureShardStats> ordered = new ArrayList<>(stats);
    ordered.sort((a, b) -> Integer.compare(a.shard, b.shard));
    shardRows = new long[plan.shardSplit.size()];
    Map<String, List<DatasetManifest.Skipped>> skippedBySplit = new LinkedHashMap<>();
    for (FeatureShardStats s : ordered) {
      String split = plan.shardSplit.get(s.shard);
      s.mergeInto(bySplit.get(split), moments.get(split), digests.get(split));
      skippedBySplit.computeIfAbsent(split, k -> new ArrayList<>()).addAll(s.skipped);
      shardRows[s.shard] = s.rows;
    }
    for (String split : plan.splitCounts.keySet()) {
      List<DatasetManifest.Skipped> left = skippedBySplit.getOrDefault(split, List.of());
      EmptySplit.refuse(split, plan.splitCounts.get(split), bySplit.get(split).samples, left);
      skipped.addAll(left);
    }
    for (Map.Entry<String, DatasetManifest.FeatureStats> e : bySplit.entrySet()) {
      DatasetManifest.FeatureStats st = e.getValue();
      if (st.samples == 0) {
        st.minFrames = 0;
        st.minSourceSeconds = 0;
      }
      st.contentSha256 = HexFormat.of().formatHex(digests.get(e.getKey()).digest());
    }
  }

  /** Per-feature mean and std of the train split; null without train frames. */
  DatasetManifest.Normalization trainNormalization() {
    FeatureShardStats.Moments train = moments.get(CorpusListing.TRAIN);
    if (train == null || train.n == 0) {
      return null;
    }
    DatasetManifest.Normalization n = new DatasetManifest.Normalization();
    n.split = CorpusListing.TRAIN;
    n.frames = train.n;
    for (double v : train.mean) {
      n.mean.add(v);
    }
    for (double v : train.std()) {
      n.std.add(v);
    }
    return n;
  }
}
