package org.snnspark.preprocess.spikes;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.parquet.ParquetShardWriter;

/**
 * Writes one shard's samples as {@link FrameSchema} rows, inside the task that read and binned
 * them; the Parquet file itself is {@link ParquetShardWriter}'s.
 */
final class ShardWriter implements AutoCloseable {
  // FrameSchema's scalar fields, in schema order
  private static final int SAMPLE_ID = 0;
  private static final int LABEL = 1;
  private static final int LABEL_NAME = 2;
  private static final int SPEAKER = 3;
  private static final int SOURCE_FILE = 4;
  private static final int SOURCE_INDEX = 5;
  private static final int N_STEPS = 6;
  private static final int N_CHANNELS = 7;
  // and its array fields, in schema order
  private static final int SPIKE_TIME = 0;
  private static final int SPIKE_CHANNEL = 1;
  private static final int SPIKE_COUNT = 2;
  private static final int EVENT_TIME = 3;
  private static final int EVENT_CHANNEL = 4;

  private final ParquetShardWriter file;
  private final int nSteps;
  private final int nChannels;
  private final boolean events;

  /**
   * Creates {@code path} (which must not exist).
   *
   * @param events whether rows carry the events columns (EVENTS mode)
   */
  ShardWriter(Configuration conf, Path path, int nSteps, int nChannels, boolean events) throws IOException {
    this(conf, path, nSteps, nChannels, events, ParquetShardWriter.Limits.DEFAULT);
  }

  ShardWriter(Configuration conf, Path path, int nSteps, int nChannels, boolean events,
      ParquetShardWriter.Limits limits) throws IOException {
    // time bins and channels are known to lie in [0, nSteps) and [0, nChannels): their own dictionary ids
    int[] listDomains = events ? new int[] {nSteps, nChannels, 0, 0, 0} : new int[] {nSteps, nChannels, 0};
    this.file = new ParquetShardWriter(conf, path, FrameSchema.schema(events), listDomains, limits);
    this.nSteps = nSteps;
    this.nChannels = nChannels;
    this.events = events;
  }

  /** Appends one (valid) sample's row. */
  void write(SampleRecord r) throws IOException {
    file.writeString(SAMPLE_ID, r.sampleId);
    file.writeInt(LABEL, r.label);
    file.writeString(LABEL_NAME, r.labelName);
    file.writeNullableInt(SPEAKER, r.speaker);
    file.writeString(SOURCE_FILE, r.sourceFile);
    file.writeLong(SOURCE_INDEX, r.sourceIndex);
    file.writeInt(N_STEPS, nSteps);
    file.writeInt(N_CHANNELS, nChannels);
    FrameBuffer f = r.frame;
    file.writeList(SPIKE_TIME, f.time, f.entries);
    file.writeList(SPIKE_CHANNEL, f.channel, f.entries);
    file.writeList(SPIKE_COUNT, f.count, f.entries);
    if (events) {
      file.writeList(EVENT_TIME, r.eventTime);
      file.writeList(EVENT_CHANNEL, r.eventChannel, r.eventChannel.length);
    }
    file.endRow();
  }

  long rows() {
    return file.rows();
  }

  /** Closes the file; then {@link #sizeBytes()} and {@link #sha256()} are known. */
  @Override
  public void close() throws IOException {
    file.close();
  }

  long sizeBytes() {
    return file.sizeBytes();
  }

  String sha256() {
    return file.sha256();
  }
}
