package org.snnspark.preprocess.spikes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.dataset.ShardPartitioner;

/**
 * Decides, on the driver and from labels/speakers only, which output split and which shard every
 * sample goes to. The decision depends on the inputs and the options alone — never on Spark's
 * partitioning — so the same inputs always give the same shards with the same rows in the same
 * order.
 *
 * <p>Within a split, samples are ordered by (source file, index) and cut into equal contiguous
 * runs, one per shard. A validation split carved from train (SHD has none) is either a
 * label-stratified seeded share of each class, or every sample of some speakers.
 */
final class SplitPlan implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String TRAIN = "train";
  static final String VALID = "valid";
  static final String TEST = "test";

  /** One output shard before writing (global id = index in {@link #shards}). */
  record ShardSlot(String split, int indexInSplit, long plannedRows) implements Serializable {}

  /** Per source file: the global shard id of each sample. */
  final int[][] shardOf;
  final List<ShardSlot> shards = new ArrayList<>();
  /** Output split -> planned rows, in canonical order (train, valid, test, others by name). */
  final Map<String, Long> splitCounts = new LinkedHashMap<>();
  final DatasetManifest.Validation validation;

  SplitPlan(List<SourceInfo> sources, SpikePreprocessConfig cfg) {
    int nFiles = sources.size();
    // output split of each sample: the file's split, except samples moved from train to valid
    String[][] splitOf = new String[nFiles][];
    for (int f = 0; f < nFiles; f++) {
      splitOf[f] = new String[(int) sources.get(f).numSamples()];
      Arrays.fill(splitOf[f], sources.get(f).split());
    }
    this.validation = carveValidation(sources, cfg, splitOf);

    List<String> order = canonicalOrder(splitOf);
    this.shardOf = new int[nFiles][];
    for (int f = 0; f < nFiles; f++) {
      shardOf[f] = new int[splitOf[f].length];
    }
    for (String split : order) {
      long count = 0;
      for (String[] s : splitOf) {
        for (String x : s) {
          count += x.equals(split) ? 1 : 0;
        }
      }
      splitCounts.put(split, count);
      int n = ShardPartitioner.shardCount(count, cfg.getShardsPerSplit(), cfg.getRowsPerShard());
      int first = shards.size();
      long[] rows = new long[n];
      long pos = 0;
      for (int f = 0; f < nFiles; f++) {
        for (int i = 0; i < splitOf[f].length; i++) {
          if (splitOf[f][i].equals(split)) {
            int local = (int) (pos * n / count);
            shardOf[f][i] = first + local;
            rows[local]++;
            pos++;
          }
        }
      }
      for (int k = 0; k < n; k++) {
        shards.add(new ShardSlot(split, k, rows[k]));
      }
    }
  }

  private static List<String> canonicalOrder(String[][] splitOf) {
    TreeSet<String> others = new TreeSet<>();
    for (String[] s : splitOf) {
      others.addAll(Arrays.asList(s));
    }
    List<String> order = new ArrayList<>();
    for (String known : List.of(TRAIN, VALID, TEST)) {
      if (others.remove(known)) {
        order.add(known);
      }
    }
    order.addAll(others);
    return order;
  }

  /** Moves samples of the train file to "valid" as configured; null when no split is made. */
  private static DatasetManifest.Validation carveValidation(List<SourceInfo> sources,
      SpikePreprocessConfig cfg, String[][] splitOf) {
    boolean wanted = cfg.getValidFraction() > 0
        || (cfg.getValidBy() == SpikePreprocessConfig.ValidBy.SPEAKER && !cfg.getValidSpeakers().isEmpty());
    if (!wanted) {
      return null;
    }
    int train = trainFile(sources);
    SourceInfo src = sources.get(train);
    DatasetManifest.Validation v = new DatasetManifest.Validation();
    v.from = TRAIN;
    v.method = cfg.getValidBy().name();
    v.fraction = cfg.getValidFraction();
    v.seed = cfg.getSeed();
    String[] split = splitOf[train];
    if (cfg.getValidBy() == SpikePreprocessConfig.ValidBy.FRACTION) {
      validByFraction(src, cfg, split);
    } else {
      v.speakers = validBySpeaker(src, cfg, split);
    }
    for (String s : split) {
      v.samples += s.equals(VALID) ? 1 : 0;
    }
    return v;
  }

  /** The index of the train input, which the validation split is carved from; refuses inputs that have one. */
  private static int trainFile(List<SourceInfo> sources) {
    int train = -1;
    for (int f = 0; f < sources.size(); f++) {
      if (sources.get(f).split().equals(VALID)) {
        throw new OptionException("the inputs already have a '" + VALID + "' split ("
            + sources.get(f).uri() + "): leave {validFraction} at 0 and {validSpeakers} empty");
      }
      if (sources.get(f).split().equals(TRAIN)) {
        train = f;
      }
    }
    if (train < 0) {
      throw new IllegalArgumentException("a validation split is carved from the '" + TRAIN
          + "' input, but there is none (inputs: " + splitsOf(sources) + ")");
    }
    return train;
  }

  /** Per class, a seeded shuffle of its samples; the first round(fraction * n) go to valid. */
  private static void validByFraction(SourceInfo src, SpikePreprocessConfig cfg, String[] split) {
    TreeMap<Integer, List<Integer>> byLabel = new TreeMap<>();
    for (int i = 0; i < src.labels().length; i++) {
      byLabel.computeIfAbsent(src.labels()[i], k -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<Integer, List<Integer>> e : byLabel.entrySet()) {
      List<Integer> idx = e.getValue();
      shuffle(idx, new SplittableRandom(cfg.getSeed() * 0x9E3779B97F4A7C15L + e.getKey()));
      long take = Math.round(cfg.getValidFraction() * idx.size());
      for (int k = 0; k < take; k++) {
        split[idx.get(k)] = VALID;
      }
    }
  }

  /**
   * Every sample of the validation speakers goes to valid: validSpeakers, or else a seeded choice of
   * round(fraction * speakers), at least one. Returns the speakers, sorted.
   */
  private static List<Integer> validBySpeaker(SourceInfo src, SpikePreprocessConfig cfg, String[] split) {
    int[] speakers = src.speakers();
    if (speakers == null) {
      throw new OptionException(src.uri() + " has no extra/speaker dataset: {validBy} SPEAKER is impossible");
    }
    TreeSet<Integer> present = new TreeSet<>();
    for (int s : speakers) {
      present.add(s);
    }
    List<Integer> chosen = new ArrayList<>(cfg.getValidSpeakers());
    if (chosen.isEmpty()) {
      List<Integer> all = new ArrayList<>(present);
      shuffle(all, new SplittableRandom(cfg.getSeed()));
      int k = (int) Math.max(1, Math.round(cfg.getValidFraction() * all.size()));
      chosen = new ArrayList<>(all.subList(0, Math.min(k, all.size())));
    }
    for (int s : chosen) {
      if (!present.contains(s)) {
        throw new OptionException("{validSpeakers}: speaker " + s + " does not occur in " + src.uri()
            + " (speakers there: " + present + ")");
      }
    }
    if (chosen.size() >= present.size()) {
      throw new IllegalArgumentException("validation speakers " + chosen + " would leave no training speaker");
    }
    chosen.sort(null);
    for (int i = 0; i < speakers.length; i++) {
      if (chosen.contains(speakers[i])) {
        split[i] = VALID;
      }
    }
    return chosen;
  }

  private static void shuffle(List<Integer> list, SplittableRandom r) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      Integer t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  private static List<String> splitsOf(List<SourceInfo> sources) {
    List<String> out = new ArrayList<>();
    sources.forEach(s -> out.add(s.split()));
    return out;
  }
}
