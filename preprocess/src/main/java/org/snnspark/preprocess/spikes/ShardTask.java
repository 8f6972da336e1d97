package org.snnspark.preprocess.spikes;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.snnspark.preprocess.dataset.SerializableConfiguration;
import org.snnspark.preprocess.hdf5.HalfBlock;
import org.snnspark.preprocess.hdf5.SpikeDataException;
import org.snnspark.preprocess.hdf5.SpikeH5Reader;

/**
 * The task that makes one output shard, start to end: it reads the shard's samples — in
 * (source file, index) order — straight from their HDF5 files (in place, or from the executor's
 * local copy: {@link SourceFiles}), a block of consecutive samples at a time, validates and bins
 * each one, collects the shard's statistics and writes the Parquet file ({@link ShardWriter}),
 * hashing it as it goes. Nothing is shuffled, cached or read twice; the driver never touches spike
 * data. The file goes to a name unique to the task attempt; the driver renames the one the
 * successful attempt reports.
 */
final class ShardTask implements Function<Integer, ShardTask.Result> {
  private static final long serialVersionUID = 1L;
  /**
   * Samples per jhdf slice: bounds a task's read buffers whatever the shard size. Small, because a
   * block's arrays are live until its last sample is written, and every young collection copies
   * them: at SHD's density 256 samples are some 23 MB a task, which the collector keeps copying,
   * while jhdf reads 16 samples a slice as fast as 256.
   */
  static final int BLOCK = 16;

  /** Everything a shard task needs, broadcast once. */
  record Context(List<SourceInfo> sources, int[][] shardOf, List<String> shardSplit,
      List<String> classNames, SpikeBinner binner, boolean events, boolean skipBad,
      SerializableConfiguration conf, SpikePreprocessConfig.RemoteRead remoteRead) implements Serializable {}

  /** What a shard task made: its statistics, and its file (null when no row was valid) with size and SHA-256. */
  record Result(ShardStats stats, String file, long sizeBytes, String sha256) implements Serializable {}

  private final Broadcast<Context> context;
  private final LongAccumulator samplesRead;
  private final String partsDir;

  /** @param partsDir the directory task files are written to (renamed into place by the driver) */
  ShardTask(Broadcast<Context> context, LongAccumulator samplesRead, String partsDir) {
    this.context = context;
    this.samplesRead = samplesRead;
    this.partsDir = partsDir;
  }

  @Override
  public Result call(Integer shard) throws IOException {
    Context ctx = context.value();
    Configuration conf = ctx.conf().get();
    ShardStats stats = new ShardStats(shard, ctx.classNames().size());
    stats.split = ctx.shardSplit().get(shard);
    TaskContext tc = TaskContext.get();
    String attempt = tc == null ? "local" : tc.stageAttemptNumber() + "-" + tc.attemptNumber();
    Path file = new Path(partsDir, String.format("part-%05d-%s.parquet", shard, attempt));
    ShardWriter writer = null;
    FrameBuffer frame = new FrameBuffer(); // every sample's frame in turn: written before the next is binned
    SpikeBits bits = new SpikeBits();
    boolean bindsHalves = !ctx.events() && ctx.binner().bindsHalves();
    try {
      for (int f = 0; f < ctx.sources().size(); f++) {
        int[] shardOfSample = ctx.shardOf()[f];
        int first = indexOf(shardOfSample, shard, 0);
        if (first < 0) {
          continue;
        }
        SourceInfo src = ctx.sources().get(f);
        try (SpikeH5Reader reader = open(ctx, src)) {
          // consecutive blocks from the shard's first sample of this file to its last; samples of
          // other shards inside a block (a carved validation split) are read and passed over
          for (int start = first; start >= 0; start = indexOf(shardOfSample, shard, start)) {
            int end = Math.min(shardOfSample.length, start + BLOCK);
            while (end > start && shardOfSample[end - 1] != shard) {
              end--;
            }
            // undecoded where the binner can take a float16's bits (events are written as decoded)
            HalfBlock halves = bindsHalves ? reader.readHalves(start, end - start) : null;
            SpikeH5Reader.Block block = halves == null ? reader.read(start, end - start) : null;
            for (int i = start; i < end; i++) {
              if (shardOfSample[i] != shard) {
                continue;
              }
              SampleRecord r = halves != null ? toRecord(ctx, f, src, i, halves, i - start, bits, frame)
                  : toRecord(ctx, f, src, i, block.times()[i - start], block.units()[i - start], frame);
              stats.add(r);
              if (r.problem == null) {
                if (writer == null) {
                  writer = new ShardWriter(conf, file, ctx.binner().nSteps(), ctx.binner().outChannels(), ctx.events());
                }
                writer.write(r);
              }
            }
            samplesRead.add(end - start);
            if (tc != null) {
              tc.killTaskIfInterrupted(); // the job failed elsewhere or was cancelled: stop writing
            }
            start = end;
          }
        }
      }
      if (writer == null) {
        return new Result(stats, null, 0, null);
      }
      writer.close();
      return new Result(stats, file.toString(), writer.sizeBytes(), writer.sha256());
    } catch (IOException | RuntimeException e) {
      if (writer != null) {
        try {
          writer.close();
          file.getFileSystem(conf).delete(file, false); // a failed attempt leaves no file behind
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The first index >= from whose shard is {@code shard}, or -1. */
  private static int indexOf(int[] shardOf, int shard, int from) {
    for (int i = from; i < shardOf.length; i++) {
      if (shardOf[i] == shard) {
        return i;
      }
    }
    return -1;
  }

  private static SpikeH5Reader open(Context ctx, SourceInfo src) {
    SpikeH5Reader reader;
    try {
      reader = SourceFiles.open(src.uri(), ctx.conf().get(), ctx.remoteRead(), src.sizeBytes(), src.sha256());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + src.uri() + ": " + e.getMessage(), e);
    }
    if (reader.numSamples() != src.numSamples()) {
      reader.close();
      throw new SpikeDataException(src.uri(), "changed while the job ran: " + reader.numSamples()
          + " samples now, " + src.numSamples() + " when planned", null);
    }
    return reader;
  }

  static SampleRecord toRecord(Context ctx, int file, SourceInfo src, long index, float[] times, int[] units,
      FrameBuffer frame) {
    boolean valid = ctx.binner().binInto(times, units, frame);
    return toRecord(ctx, file, src, index, valid ? null : ctx.binner().validate(times, units), frame, times, units);
  }

  /**
   * {@link #toRecord(Context, int, SourceInfo, long, float[], int[], FrameBuffer)} of sample
   * {@code i} of a block read undecoded: binned from its bits, and decoded only to describe what is
   * wrong with it.
   */
  static SampleRecord toRecord(Context ctx, int file, SourceInfo src, long index, HalfBlock block, int i,
      SpikeBits bits, FrameBuffer frame) {
    int n = block.timesLength(i);
    if (n == block.unitsLength(i)
        && ctx.binner().binHalvesInto(bits.times(block, i), bits.units(block, i), n, block.signedUnits(), frame)) {
      return toRecord(ctx, file, src, index, null, frame, null, null);
    }
    return toRecord(ctx, file, src, index, block.times(i), block.units(i), frame);
  }

  /** The record of a sample binned into {@code frame}, or of its {@code problem} (null: none). */
  private static SampleRecord toRecord(Context ctx, int file, SourceInfo src, long index, String problem,
      FrameBuffer frame, float[] times, int[] units) {
    SampleRecord r = new SampleRecord();
    r.split = ctx.shardSplit().get(ctx.shardOf()[file][(int) index]);
    r.sampleId = src.stem() + "/" + index;
    r.sourceFile = src.fileName();
    r.sourceIndex = index;
    r.label = src.labels()[(int) index];
    r.speaker = src.speakers() == null ? null : src.speakers()[(int) index];
    int classes = ctx.classNames().size();
    if (problem == null && (r.label < 0 || r.label >= classes)) {
      problem = "label " + r.label + " outside 0.." + (classes - 1) + " (" + classes + " class names)";
    }
    if (problem != null) {
      if (!ctx.skipBad()) {
        throw new SpikeDataException(src.uri(), index, problem);
      }
      r.problem = problem;
      return r;
    }
    r.labelName = ctx.classNames().get(r.label);
    r.frame = frame;
    if (ctx.events()) {
      r.eventTime = times;
      r.eventChannel = units;
    }
    return r;
  }

  /** A task's buffers for one sample's time bits and units at a time, grown as samples need. */
  static final class SpikeBits {
    private short[] times = new short[0];
    private short[] units = new short[0];

    short[] times(HalfBlock block, int i) {
      times = room(times, block.timesLength(i));
      block.timeBits(i, times);
      return times;
    }

    short[] units(HalfBlock block, int i) {
      units = room(units, block.unitsLength(i));
      block.unitBits(i, units);
      return units;
    }

    private static short[] room(short[] a, int n) {
      return a.length >= n ? a : new short[Math.max(n, 2 * a.length)];
    }
  }
}
