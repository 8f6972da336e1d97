package org.snnspark.preprocess.audio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snnspark.preprocess.dataset.ShardPartitioner;

/**
 * Decides on the driver, from the listing alone, the order of the samples and the shard of each:
 * splits in canonical order (train, valid, test, others by name), samples by id within a split, each
 * split cut into equal contiguous runs, one per shard. Each item's key
 * ({@code shard << 40 | ordinal}) makes Spark's sort within a shard restore exactly this order, so
 * the shard bytes never depend on how the decoding was partitioned.
 */
final class AudioPlan {
  final List<AudioItem> items = new ArrayList<>();
  /** The split of each shard, by shard id. */
  final List<String> shardSplit = new ArrayList<>();
  /** Planned samples per split (skipped ones included), canonical order. */
  final Map<String, Long> splitCounts = new LinkedHashMap<>();

  AudioPlan(List<AudioItem> listed, AudioPreprocessConfig cfg) {
    TreeMap<String, List<AudioItem>> bySplit = new TreeMap<>();
    for (AudioItem it : listed) {
      bySplit.computeIfAbsent(it.split, s -> new ArrayList<>()).add(it);
    }
    List<String> order = new ArrayList<>();
    for (String known : List.of(CorpusListing.TRAIN, CorpusListing.VALID, CorpusListing.TEST)) {
      if (bySplit.containsKey(known)) {
        order.add(known);
      }
    }
    bySplit.keySet().stream().filter(s -> !order.contains(s)).forEach(order::add);
    long ordinal = 0;
    for (String split : order) {
      List<AudioItem> list = bySplit.get(split);
      list.sort(Comparator.comparing(i -> i.sampleId));
      for (int i = 1; i < list.size(); i++) {
        if (list.get(i).sampleId.equals(list.get(i - 1).sampleId)) {
          throw new IllegalArgumentException("two samples with id " + list.get(i).sampleId + " in split " + split
              + " (" + list.get(i - 1).relPath + ", " + list.get(i).relPath + ")");
        }
      }
      int n = list.size();
      int shards = ShardPartitioner.shardCount(n, cfg.getShardsPerSplit(), cfg.getRowsPerShard());
      int first = shardSplit.size();
      for (int k = 0; k < shards; k++) {
        shardSplit.add(split);
      }
      for (int i = 0; i < n; i++) {
        AudioItem it = list.get(i);
        it.key = ShardPartitioner.key(first + (int) ((long) i * shards / n), 0, ordinal++);
        items.add(it);
      }
      splitCounts.put(split, (long) n);
    }
  }
}
