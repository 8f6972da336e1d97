package org.snnspark.preprocess.spikes;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.snnspark.preprocess.dataset.SerializableConfiguration;
import org.snnspark.preprocess.dataset.ShardPartitioner;
import org.snnspark.preprocess.hdf5.SpikeH5Reader;
import scala.Tuple2;

/**
 * The read task: one task reads one {@link Chunk} — a contiguous index range of one source file —
 * straight from its HDF5 file (in place, or from the executor's local copy: {@link SourceFiles}),
 * a block of samples at a time, validates and bins each sample, and emits it keyed for its shard.
 * The driver never touches spike data.
 */
final class ChunkReader implements PairFlatMapFunction<ChunkReader.Chunk, Long, SampleRecord> {
  private static final long serialVersionUID = 1L;
  /** Samples per jhdf slice: bounds a task's memory whatever the chunk size. */
  static final int BLOCK = 256;

  /** Samples {@code start .. start + count - 1} of source file {@code file}. */
  record Chunk(int file, long start, int count) implements Serializable {}

  /** Everything a read task needs, broadcast once. */
  record Context(List<SourceInfo> sources, int[][] shardOf, List<String> shardSplit,
      List<String> classNames, SpikeBinner binner, boolean events, boolean skipBad,
      SerializableConfiguration conf, SpikePreprocessConfig.RemoteRead remoteRead) implements Serializable {}

  private final Broadcast<Context> context;
  private final LongAccumulator samplesRead;

  ChunkReader(Broadcast<Context> context, LongAccumulator samplesRead) {
    this.context = context;
    this.samplesRead = samplesRead;
  }

  /** Cuts every file into chunks of at most {@code chunkSize} samples, in (file, index) order. */
  static List<Chunk> chunks(List<SourceInfo> sources, long chunkSize) {
    List<Chunk> out = new ArrayList<>();
    for (int f = 0; f < sources.size(); f++) {
      long n = sources.get(f).numSamples();
      for (long s = 0; s < n; s += chunkSize) {
        out.add(new Chunk(f, s, (int) Math.min(chunkSize, n - s)));
      }
    }
    return out;
  }

  @Override
  public Iterator<Tuple2<Long, SampleRecord>> call(Chunk chunk) {
    Context ctx = context.value();
    SourceInfo src = ctx.sources().get(chunk.file());
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
    TaskContext tc = TaskContext.get();
    if (tc != null) {
      tc.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> reader.close()); // also on failure
    }
    return new Iterator<>() {
      private long next = chunk.start();
      private final long end = chunk.start() + chunk.count();
      private SpikeH5Reader.Block block;
      private int inBlock;

      @Override
      public boolean hasNext() {
        return next < end;
      }

      @Override
      public Tuple2<Long, SampleRecord> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        if (block == null || inBlock == block.size()) {
          block = reader.read(next, (int) Math.min(BLOCK, end - next));
          inBlock = 0;
          samplesRead.add(block.size());
        }
        long index = next++;
        SampleRecord rec = toRecord(ctx, chunk.file(), src, index, block.times()[inBlock], block.units()[inBlock]);
        inBlock++;
        if (next == end && tc == null) {
          reader.close();
        }
        return new Tuple2<>(ShardPartitioner.key(ctx.shardOf()[chunk.file()][(int) index], chunk.file(), index), rec);
      }
    };
  }

  static SampleRecord toRecord(Context ctx, int file, SourceInfo src, long index, float[] times, int[] units) {
    SampleRecord r = new SampleRecord();
    r.split = ctx.shardSplit().get(ctx.shardOf()[file][(int) index]);
    r.sampleId = src.stem() + "/" + index;
    r.sourceFile = src.fileName();
    r.sourceIndex = index;
    r.label = src.labels()[(int) index];
    r.speaker = src.speakers() == null ? null : src.speakers()[(int) index];
    int classes = ctx.classNames().size();
    String problem = ctx.binner().validate(times, units);
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
    SpikeBinner.Frames fr = ctx.binner().bin(times, units);
    r.time = fr.time();
    r.channel = fr.channel();
    r.count = fr.count();
    r.spikes = fr.spikes();
    r.beyondWindow = fr.beyondWindow();
    r.maxSpikeTime = fr.maxSpikeTime();
    if (ctx.events()) {
      r.eventTime = times;
      r.eventChannel = units;
    }
    return r;
  }
}
