package org.snnspark.preprocess.spikes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.snnspark.preprocess.dataset.DatasetManifest;

/**
 * Statistics of the samples of one shard (collected by its {@link ShardTask}), merged per split on
 * the driver into the manifest's {@link DatasetManifest.SplitStats}. Skipped samples are listed,
 * not counted in the statistics.
 */
final class ShardStats implements Serializable {
  private static final long serialVersionUID = 1L;

  final int shard;
  String split;
  long rows;
  long spikes;
  long beyond;
  long samplesBeyond;
  double maxTime;
  long minSpikes = Long.MAX_VALUE;
  long maxSpikes;
  long entries;
  long maxEntry;
  final long[] classCounts;
  final List<DatasetManifest.Skipped> skipped = new ArrayList<>();

  ShardStats(int shard, int classes) {
    this.shard = shard;
    this.classCounts = new long[classes];
  }

  void add(SampleRecord r) {
    split = r.split;
    if (r.problem != null) {
      skipped.add(new DatasetManifest.Skipped(r.sourceFile, r.sourceIndex, r.problem));
      return;
    }
    FrameBuffer f = r.frame;
    rows++;
    spikes += f.spikes;
    beyond += f.beyondWindow;
    samplesBeyond += f.beyondWindow > 0 ? 1 : 0;
    maxTime = Math.max(maxTime, f.maxSpikeTime);
    minSpikes = Math.min(minSpikes, f.spikes);
    maxSpikes = Math.max(maxSpikes, f.spikes);
    entries += f.entries;
    int max = 0;
    for (int k = 0; k < f.entries; k++) {
      max = Math.max(max, f.count[k]);
    }
    maxEntry = Math.max(maxEntry, max);
    classCounts[r.label]++;
  }

  /** Adds this shard's numbers into a split's statistics. */
  void mergeInto(DatasetManifest.SplitStats s) {
    if (s.classCounts.isEmpty()) {
      for (int k = 0; k < classCounts.length; k++) {
        s.classCounts.add(0L);
      }
      s.minSpikesPerSample = Long.MAX_VALUE;
    }
    s.samples += rows;
    s.spikes += spikes;
    s.spikesBeyondWindow += beyond;
    s.spikesInWindow = s.spikes - s.spikesBeyondWindow;
    s.samplesWithSpikesBeyondWindow += samplesBeyond;
    s.maxSpikeTimeSeconds = Math.max(s.maxSpikeTimeSeconds, maxTime);
    s.minSpikesPerSample = Math.min(s.minSpikesPerSample, minSpikes);
    s.maxSpikesPerSample = Math.max(s.maxSpikesPerSample, maxSpikes);
    s.nonZeroEntries += entries;
    s.maxEntryCount = Math.max(s.maxEntryCount, maxEntry);
    for (int k = 0; k < classCounts.length; k++) {
      s.classCounts.set(k, s.classCounts.get(k) + classCounts[k]);
    }
    s.meanSpikesPerSample = s.samples == 0 ? 0 : (double) s.spikes / s.samples;
  }
}
