package org.snnspark.preprocess.spikes;

import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Run in a JVM of its own by {@link ShardWriterReproducibilityTest}: writes a fixed shard with
 * {@link ShardWriter} and stores the SHA-256 the writer reports next to it ({@code <file>.sha256}).
 *
 * <p>Arguments: the output file, and how many identity hashes to draw first — parquet-mr's
 * encoding sets iterate in the order of the enum constants' identity hashes, which HotSpot draws
 * from a per-thread sequence, so other work done before (here simulated) changes them.
 */
public final class ShardWriterChild {
  private ShardWriterChild() {}

  public static void main(String[] args) throws Exception {
    java.nio.file.Path file = Paths.get(args[0]);
    int draws = Integer.parseInt(args[1]);
    int sink = 0;
    for (int i = 0; i < draws; i++) {
      sink ^= new Object().hashCode();
    }
    boolean events = args.length > 2 && Boolean.parseBoolean(args[2]);
    ShardWriter w = new ShardWriter(new Configuration(), new Path(file.toUri()), 100, 700, events);
    try {
      for (int s = 0; s < 50; s++) {
        w.write(record(s, events));
      }
    } finally {
      w.close();
    }
    Files.writeString(file.resolveSibling(file.getFileName() + ".sha256"), w.sha256());
    System.out.println("draws " + draws + " (" + (sink == 42 ? "" : "ok") + ")");
  }

  /** A deterministic sample: a few spikes spread over bins and channels. */
  static SampleRecord record(int s, boolean events) {
    SampleRecord r = new SampleRecord();
    r.split = "train";
    r.sampleId = "shd_train/" + s;
    r.label = s % 20;
    r.labelName = "class-" + (s % 20);
    r.speaker = s % 3 == 0 ? null : s % 7;
    r.sourceFile = "shd_train.h5";
    r.sourceIndex = s;
    int n = 5 + s % 11;
    int[] time = new int[n];
    int[] channel = new int[n];
    int[] count = new int[n];
    r.eventTime = new float[n];
    r.eventChannel = new int[n];
    for (int k = 0; k < n; k++) {
      time[k] = (k * 7 + s) % 100;
      channel[k] = (k * 131 + s * 17) % 700;
      count[k] = 1 + (k + s) % 3;
      r.eventTime[k] = time[k] / 100f * 1.4f;
      r.eventChannel[k] = channel[k];
    }
    r.frame = FrameBuffer.of(time, channel, count);
    return r;
  }
}
