package org.snnspark.preprocess.spikes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.DatasetOutput;
import org.snnspark.preprocess.dataset.EmptyClasses;
import org.snnspark.preprocess.dataset.EmptySplit;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.dataset.ReadProgress;
import org.snnspark.preprocess.dataset.SerializableConfiguration;
import org.snnspark.preprocess.hdf5.SpikeDataException;
import org.snnspark.preprocess.hdf5.SpikeH5Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Spark job: Heidelberg spike files (SHD / SSC HDF5) to a dataset directory of sparse binned
 * frames — {@code manifest.json} + {@code split=<name>/part-NNNNN.parquet} (see {@link FrameSchema}).
 *
 * <p>Stages:
 * <ol>
 *   <li><b>inspect</b> (one task per file): sample count, labels, speakers, class names.
 *       Files on other filesystems than the local one are read in place through positioned reads
 *       (remoteRead=STREAM) or copied once per executor and reused by its read tasks (COPY); see
 *       {@link SourceFiles}. Each file's SHA-256 (for the manifest) is computed while copying, or
 *       else by a job of one task per file submitted first, whose tasks run beside the others.
 *   <li><b>plan</b> (driver): output split and shard of every sample ({@link SplitPlan}).
 *   <li><b>read, bin, write</b> (one Spark job, one task per shard; {@link ShardTask}): each task
 *       reads its shard's samples in (file, index) order with jhdf, a slice of consecutive samples
 *       at a time, validates and bins them, collects the shard's statistics, and writes the Parquet
 *       file itself through parquet-mr's file writer ({@link ShardWriter}: Spark's schema and
 *       parquet-mr's encodings, the arrays encoded a row at a time), hashing it while writing. No shuffle, no Spark SQL rows, no second pass
 *       over the data for statistics or checksums: every sample is read from HDF5 once.
 *   <li><b>commit</b> (driver): the task files get stable names, the manifest is written, and the
 *       directory (a hidden temporary one next to the output) is renamed into place. On any failure
 *       the temporary directory is deleted: nothing that looks like a dataset is left behind. (On
 *       HDFS the final rename is atomic and never lands inside an output that appeared meanwhile;
 *       replacing an existing output leaves a window of two renames, see
 *       {@link HadoopFiles#commitDirectory}. On object stores such as s3a, where a directory rename
 *       is a copy, the directory is the output itself and the manifest, written last, is the
 *       commit point: {@code CommitProtocol}.)
 * </ol>
 * The output bytes depend only on the inputs and options, not on the number of tasks or cores.
 */
public final class SpikePreprocessJob {
  private static final Logger LOG = LoggerFactory.getLogger("org.snnspark.preprocess.spikes");
  private static final Pattern INPUT_NAME = Pattern.compile("(shd|ssc)_([A-Za-z0-9]+)\\.h5");

  private final SpikePreprocessConfig cfg;

  public SpikePreprocessJob(SpikePreprocessConfig cfg) {
    this.cfg = cfg;
  }

  /**
   * Runs the job and returns the manifest it wrote.
   *
   * @throws SpikeDataException on bad input (naming file, sample and problem) with onBadSample=FAIL
   * @throws IllegalArgumentException on bad options or an existing output without overwrite
   * @throws UncheckedIOException on filesystem errors
   */
  public DatasetManifest run(SparkSession spark) {
    cfg.validate();
    long t0 = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    DatasetOutput.Target out = DatasetOutput.prepare(conf, cfg.getOutput(), cfg.isOverwrite());
    Map<String, String> inputs = resolveInputs(conf);
    DatasetManifest m = DatasetOutput.buildAtomically(spark.sparkContext(), out, cfg.isOverwrite(), "spike preprocessing",
        tmp -> runInto(spark, jsc, conf, inputs, out.fs(), tmp), e -> {
          SpikeDataException bad = DatasetOutput.findCause(e, SpikeDataException.class);
          // Spark's exception message is a stack dump: surface our message, keep the chain
          return bad != null && bad != e ? new SpikeDataException(bad.getFile(), bad.getSample(), bad.getProblem(), e) : null;
        });
    logSummary(m, out.path(), t0);
    Map<String, List<Long>> classCounts = new LinkedHashMap<>();
    m.getSpikeStats().forEach((split, st) -> classCounts.put(split, st.classCounts));
    EmptyClasses.warn(m.getClassNames(), classCounts, SplitPlan.TRAIN);
    return m;
  }

  private DatasetManifest runInto(SparkSession spark, JavaSparkContext jsc, Configuration conf,
      Map<String, String> inputs, FileSystem fs, Path tmp) throws IOException {
    SerializableConfiguration sconf = new SerializableConfiguration(conf);
    List<Tuple2<String, String>> files = new ArrayList<>();
    inputs.forEach((split, uri) -> files.add(new Tuple2<>(split, uri)));
    SpikePreprocessConfig.RemoteRead how = cfg.getRemoteRead();
    long tInspect = System.nanoTime();
    JavaFutureAction<List<SourceInfo>> inspected = startInspect(jsc, sconf, files, how);
    // the sources' SHA-256 for the manifest (COPY computes them while copying): a job of its own,
    // whose tasks run beside the inspect and shard tasks rather than before them
    JavaFutureAction<List<SourceFiles.Checksum>> checksums = how == SpikePreprocessConfig.RemoteRead.COPY ? null
        : checksums(jsc, sconf, files);
    List<SourceInfo> sources = await(inspected);
    long totalSamples = logInspected(sources, inputs, tInspect);

    List<String> classNames = classNames(sources);
    SplitPlan plan = new SplitPlan(sources, cfg);
    SpikeBinner binner = new SpikeBinner(cfg);
    Path parts = new Path(tmp, "_parts");
    Broadcast<ShardTask.Context> ctx = shardContext(jsc, sconf, sources, classNames, plan, binner);
    List<ShardTask.Result> results = writeShards(spark, jsc, ctx, plan.shards.size(), totalSamples, parts);
    if (checksums != null) {
      sources = withChecksums(sources, checksums);
    }
    List<DatasetManifest.Shard> shards = placeShards(fs, tmp, results);
    HadoopFiles.deleteQuietly(fs, parts);

    List<ShardStats> stats = results.stream().map(ShardTask.Result::stats).toList();
    DatasetManifest m = manifest(sources, classNames, plan, stats, shards, binner);
    m.write(conf, tmp.toString());
    jsc.setJobDescription(null);
    return m;
  }

  /**
   * Starts the inspect job, one task per source file; submitted first, as the plan waits for it and
   * Spark's scheduler handles jobs in turn.
   */
  private static JavaFutureAction<List<SourceInfo>> startInspect(JavaSparkContext jsc,
      SerializableConfiguration sconf, List<Tuple2<String, String>> files, SpikePreprocessConfig.RemoteRead how) {
    jsc.setJobDescription("spikes: inspect " + files.size() + " source files");
    return jsc.parallelize(files, files.size())
        .map(f -> inspect(f._1(), f._2(), sconf.get(), how))
        .collectAsync();
  }

  /** Logs what the inspect job found; returns the number of samples, refusing inputs without any. */
  private static long logInspected(List<SourceInfo> sources, Map<String, String> inputs, long tInspect) {
    long totalSamples = sources.stream().mapToLong(SourceInfo::numSamples).sum();
    LOG.info("inspected {} source files ({} samples, {} bytes) in {} ms", sources.size(), totalSamples,
        sources.stream().mapToLong(SourceInfo::sizeBytes).sum(), (System.nanoTime() - tInspect) / 1_000_000);
    if (totalSamples == 0) {
      throw new IllegalArgumentException("the inputs hold no samples: " + inputs);
    }
    return totalSamples;
  }

  /** What every shard task needs to know, broadcast once. */
  private Broadcast<ShardTask.Context> shardContext(JavaSparkContext jsc, SerializableConfiguration sconf,
      List<SourceInfo> sources, List<String> classNames, SplitPlan plan, SpikeBinner binner) {
    List<String> shardSplit = new ArrayList<>();
    plan.shards.forEach(s -> shardSplit.add(s.split()));
    boolean events = cfg.getMode() == SpikePreprocessConfig.Mode.EVENTS;
    Broadcast<ShardTask.Context> ctx = jsc.broadcast(new ShardTask.Context(sources, plan.shardOf,
        shardSplit, classNames, binner, events, cfg.getOnBadSample() == SpikePreprocessConfig.OnBadSample.SKIP, sconf,
        cfg.getRemoteRead()));
    LOG.info("plan: splits {}, {} shards (one task each), frames [{} channels, {} steps of {} s], mode {}",
        plan.splitCounts, plan.shards.size(), binner.outChannels(), binner.nSteps(),
        new BigDecimal(cfg.binWidth()).round(new MathContext(9)).stripTrailingZeros().toPlainString(),
        cfg.getMode()); // the bin width to 9 digits: 0.014, not 0.013999999999999999
    return ctx;
  }

  /**
   * The job of one task per shard: each reads, validates and bins its samples, collects their
   * statistics, and writes and hashes its Parquet file under {@code parts}.
   */
  private static List<ShardTask.Result> writeShards(SparkSession spark, JavaSparkContext jsc,
      Broadcast<ShardTask.Context> ctx, int nShards, long totalSamples, Path parts) {
    LongAccumulator samplesRead = jsc.sc().longAccumulator("spike samples read");
    ReadProgress progress = new ReadProgress(LOG, samplesRead, totalSamples);
    spark.sparkContext().addSparkListener(progress);
    List<ShardTask.Result> results;
    long tWrite = System.nanoTime();
    try {
      jsc.setJobDescription("spikes: read, bin and write " + totalSamples + " samples as " + nShards + " Parquet shards");
      List<Integer> ids = new ArrayList<>();
      for (int k = 0; k < nShards; k++) {
        ids.add(k);
      }
      results = jsc.parallelize(ids, nShards).map(new ShardTask(ctx, samplesRead, parts.toString())).collect();
    } finally {
      spark.sparkContext().removeSparkListener(progress);
    }
    double writeSeconds = (System.nanoTime() - tWrite) / 1e9;
    LOG.info("read, binned and wrote {} samples in {} s ({} samples/s)", totalSamples,
        String.format("%.1f", writeSeconds), String.format("%.0f", totalSamples / writeSeconds));
    return results;
  }

  /** Gives the shard files their stable names, split=<s>/part-NNNNN.parquet numbered per split. */
  private static List<DatasetManifest.Shard> placeShards(FileSystem fs, Path tmp, List<ShardTask.Result> results)
      throws IOException {
    List<DatasetManifest.Shard> shards = new ArrayList<>();
    Map<String, Integer> next = new LinkedHashMap<>();
    for (ShardTask.Result r : results) {
      if (r.file() == null) {
        continue; // every sample of the shard was skipped
      }
      String split = r.stats().split;
      String rel = DatasetOutput.placeShard(fs, new Path(r.file()), tmp, split, next);
      shards.add(new DatasetManifest.Shard(split, rel, r.stats().rows, r.sizeBytes(), r.sha256()));
    }
    return shards;
  }

  /** Starts hashing the source files, one task each. */
  private static JavaFutureAction<List<SourceFiles.Checksum>> checksums(JavaSparkContext jsc,
      SerializableConfiguration sconf, List<Tuple2<String, String>> files) {
    jsc.setJobDescription("spikes: SHA-256 of " + files.size() + " source files");
    return jsc.parallelize(files, files.size())
        .map(f -> SourceFiles.sha256(f._2(), sconf.get()))
        .collectAsync();
  }

  /** A job's result, or its failure as {@code collect()} would have thrown it. */
  private static <T> T await(JavaFutureAction<T> job) throws IOException {
    try {
      return job.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for a Spark job");
    } catch (java.util.concurrent.ExecutionException e) {
      throw DatasetOutput.<RuntimeException>sneaky(e.getCause());
    }
  }

  /** The sources with the SHA-256 of the bytes inspected: the hashed file must have the inspected length. */
  private static List<SourceInfo> withChecksums(List<SourceInfo> sources,
      JavaFutureAction<List<SourceFiles.Checksum>> checksums) throws IOException {
    List<SourceFiles.Checksum> sums;
    try {
      sums = checksums.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while hashing the source files");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("hashing the source files failed: " + e.getCause().getMessage(), e.getCause());
    }
    List<SourceInfo> out = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      SourceInfo s = sources.get(i);
      SourceFiles.Checksum sum = sums.get(i);
      if (sum.sizeBytes() != s.sizeBytes()) {
        throw new SpikeDataException(s.uri(), "changed while the job ran: " + sum.sizeBytes() + " bytes hashed, "
            + s.sizeBytes() + " inspected", null);
      }
      out.add(s.withSha256(sum.sha256()));
    }
    return out;
  }

  /** Executor side of the inspect stage. */
  private static SourceInfo inspect(String split, String uri, Configuration conf,
      SpikePreprocessConfig.RemoteRead how) throws IOException {
    SourceFiles.Opened o = SourceFiles.inspect(uri, conf, how);
    try (SpikeH5Reader r = o.reader()) {
      return new SourceInfo(split, uri, SourceFiles.fileName(uri), o.sizeBytes(), o.sha256(), r.numSamples(),
          r.labels(), r.speakers(), r.classNames());
    }
  }

  /** The inputs: explicit split=path pairs, plus shd_/ssc_ files found in inputDir. */
  Map<String, String> resolveInputs(Configuration conf) {
    Map<String, String> inputs = new LinkedHashMap<>();
    if (!cfg.getInputDir().isBlank()) {
      inputs.putAll(findInputs(cfg.getInputDir(), conf));
    }
    inputs.putAll(cfg.getInputs());
    // canonical order: train, valid, test, then others by name — file index order in the plan
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String known : List.of(SplitPlan.TRAIN, SplitPlan.VALID, SplitPlan.TEST)) {
      if (inputs.containsKey(known)) {
        ordered.put(known, inputs.remove(known));
      }
    }
    ordered.putAll(new TreeMap<>(inputs));
    return ordered;
  }

  /** {@code shd_train.h5, shd_test.h5} (or ssc_*) in a directory, as split -> path. */
  static Map<String, String> findInputs(String dir, Configuration conf) {
    Path d = new Path(dir);
    FileStatus[] list;
    try {
      list = d.getFileSystem(conf).listStatus(d);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list input directory " + dir + ": " + e.getMessage(), e);
    }
    Map<String, String> found = new TreeMap<>();
    String family = null;
    List<String> compressed = new ArrayList<>();
    for (FileStatus st : list) {
      String name = st.getPath().getName();
      Matcher mt = INPUT_NAME.matcher(name);
      if (st.isFile() && mt.matches()) {
        if (family != null && !family.equals(mt.group(1))) {
          throw new IllegalArgumentException(dir + " holds both shd_ and ssc_ files: give inputs explicitly");
        }
        family = mt.group(1);
        found.put(mt.group(2), st.getPath().toString());
      } else if (name.matches("(shd|ssc)_[A-Za-z0-9]+\\.h5\\.(gz|zip)")) {
        compressed.add(name);
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no shd_<split>.h5 or ssc_<split>.h5 files in " + dir
          + (compressed.isEmpty() ? "" : " (found compressed " + compressed + ": decompress them first)"));
    }
    return found;
  }

  /** Class names from extra/keys (all files must agree), or "0".."k-1" when no file has them. */
  private static List<String> classNames(List<SourceInfo> sources) {
    List<String> names = null;
    String from = null;
    int maxLabel = -1;
    for (SourceInfo s : sources) {
      for (int l : s.labels()) {
        maxLabel = Math.max(maxLabel, l);
      }
      if (s.classNames().isEmpty()) {
        continue;
      }
      if (names == null) {
        names = s.classNames();
        from = s.uri();
      } else if (!names.equals(s.classNames())) {
        throw new SpikeDataException(s.uri(), "extra/keys " + s.classNames() + " differ from " + from + "'s " + names, null);
      }
    }
    if (names != null) {
      return names;
    }
    List<String> generated = new ArrayList<>();
    for (int k = 0; k <= maxLabel; k++) {
      generated.add(String.valueOf(k));
    }
    return generated;
  }

  private DatasetManifest manifest(List<SourceInfo> sources, List<String> classNames, SplitPlan plan,
      List<ShardStats> stats, List<DatasetManifest.Shard> shards, SpikeBinner binner) {
    DatasetManifest m = new DatasetManifest();
    m.setKind(DatasetManifest.KIND_SPIKES);
    m.setCreatedBy("snn-spark preprocess spikes (" + SpikePreprocessJob.class.getName() + ")");
    for (SourceInfo s : sources) {
      m.getSources().add(new DatasetManifest.Source(s.split(), s.uri(), s.sizeBytes(), s.sha256(), s.numSamples()));
    }
    m.setParameters(cfg.toMap());
    m.setClassNames(classNames);
    m.setNumChannels(binner.outChannels());
    m.setInputChannels(cfg.getChannels());
    m.setNumSteps(binner.nSteps());
    m.setBinWidthSeconds(cfg.binWidth());
    m.setWindowEndSeconds(cfg.windowEnd());
    m.setMode(cfg.getMode().name());
    m.setLayout(layout(cfg.getMode() == SpikePreprocessConfig.Mode.EVENTS, cfg.getBinning()));
    List<ShardStats> ordered = new ArrayList<>(stats);
    ordered.sort(Comparator.comparingInt(s -> s.shard));
    for (String split : plan.splitCounts.keySet()) {
      DatasetManifest.SplitStats st = new DatasetManifest.SplitStats();
      List<DatasetManifest.Skipped> skipped = new ArrayList<>();
      for (ShardStats s : ordered) {
        if (split.equals(plan.shards.get(s.shard).split())) {
          s.mergeInto(st);
          skipped.addAll(s.skipped);
        }
      }
      EmptySplit.refuse(split, plan.splitCounts.get(split), st.samples, skipped);
      m.getSkipped().addAll(skipped);
      if (st.samples == 0) {
        st.minSpikesPerSample = 0;
      }
      m.getSplitCounts().put(split, st.samples);
      m.getSpikeStats().put(split, st);
    }
    m.setValidation(plan.validation);
    m.setSkippedCount(m.getSkipped().size());
    m.setShards(shards);
    return m;
  }

  private static Map<String, String> layout(boolean events, SpikePreprocessConfig.Binning binning) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("files", "split=<name>/part-NNNNN.parquet, one row per sample, rows ordered by (source file, index)");
    l.put("frame", "dense x[" + FrameSchema.SPIKE_CHANNEL + "[k], " + FrameSchema.SPIKE_TIME + "[k]] = "
        + FrameSchema.SPIKE_COUNT + "[k], shape [numChannels, numSteps], entries sorted by (time, channel)");
    l.put("timeBin", binning == SpikePreprocessConfig.Binning.DIGITIZE
        ? "numpy.digitize(t, numpy.linspace(0, windowEndSeconds, numSteps)) for 0 <= t < windowEndSeconds (sparch):"
            + " the number of edges i * binWidthSeconds <= t, 1 .. numSteps - 1; bin 0 is empty"
        : "floor(t / binWidthSeconds) for 0 <= t < windowEndSeconds");
    l.put("channel", "floor(unit * downsample)");
    if (events) {
      l.put("events", FrameSchema.EVENT_TIME + " (seconds, float16 values) and " + FrameSchema.EVENT_CHANNEL
          + " (raw units): every source spike, in file order");
    }
    return l;
  }

  private static void logSummary(DatasetManifest m, Path out, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    long samples = m.getSplitCounts().values().stream().mapToLong(Long::longValue).sum();
    long spikes = m.getSpikeStats().values().stream().mapToLong(x -> x.spikes).sum();
    long beyond = m.getSpikeStats().values().stream().mapToLong(x -> x.spikesBeyondWindow).sum();
    long bytes = m.getShards().stream().mapToLong(x -> x.sizeBytes).sum();
    LOG.info("spikes dataset written to {}: {} samples {} ({} skipped), {} spikes ({} beyond the {} s window), "
            + "{} shards, {} bytes, {} s total ({} samples/s)",
        out, samples, m.getSplitCounts(), m.getSkippedCount(), spikes, beyond, m.getWindowEndSeconds(),
        m.getShards().size(), bytes, String.format("%.1f", s), String.format("%.0f", samples / s));
  }
}
