package org.snnspark.preprocess.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.dataset.DatasetOutput;
import org.snnspark.preprocess.dataset.EmptyClasses;
import org.snnspark.preprocess.dataset.FeatureSchema;
import org.snnspark.preprocess.dataset.ReadProgress;
import org.snnspark.preprocess.dataset.SerializableConfiguration;
import org.snnspark.preprocess.dataset.ShardPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark job: a raw speech corpus (Speech Commands WAV, Heidelberg Digits FLAC, or folders of
 * WAV/FLAC per class) to a dataset directory of dense feature frames (Kaldi fbank or log mel with
 * deltas) — {@code manifest.json} + {@code split=<name>/part-NNNNN.parquet} (see {@link FeatureSchema}),
 * the same kind of directory as the spike job writes.
 *
 * <p>Stages:
 * <ol>
 *   <li><b>list</b> (driver): directory listings and split lists only ({@link CorpusListing}); a
 *       list naming a missing file stops the job here (onBadSample=FAIL), before any output exists.
 *   <li><b>plan</b> (driver): order and shard of every sample ({@link AudioPlan}).
 *   <li><b>decode + featurise</b> (tasks over slices of the plan, {@link AudioReader}): read through
 *       Hadoop's FileSystem, decode (WAV / FLAC), mix down, resample, pad/crop, features; then a
 *       shuffle to one partition per shard, sorted into plan order. Per-shard statistics (including
 *       per-feature Welford moments) are collected from the shuffled data, and the Parquet write
 *       reuses the same shuffle output: every file is decoded once.
 *   <li><b>write</b> ({@link DatasetOutput}): one Parquet file per shard in a hidden temporary directory,
 *       renamed to stable names and checksummed; the manifest; the directory renamed into place. On
 *       any failure the temporary directory is deleted.
 * </ol>
 * The output bytes depend only on the corpus and the options (not on readPartitions or the cores):
 * every random choice is seeded, rows are written in plan order, and features are computed in double
 * precision with StrictMath for our transcendental functions (JTransforms builds its twiddle factors
 * with Math.sin/cos, identical within one JVM build; executors on different JVM builds could differ
 * in the last float bit).
 */
public final class AudioPreprocessJob {
  private static final Logger LOG = LoggerFactory.getLogger("org.snnspark.preprocess.audio");

  private final AudioPreprocessConfig cfg;

  public AudioPreprocessJob(AudioPreprocessConfig cfg) {
    this.cfg = cfg;
  }

  /**
   * Runs the job and returns the manifest it wrote.
   *
   * @throws AudioDataException on bad input (naming the file and problem) with onBadSample=FAIL
   * @throws IllegalArgumentException on bad options, a corpus without the expected layout, or an
   *     existing output without overwrite
   * @throws UncheckedIOException on filesystem errors
   */
  public DatasetManifest run(SparkSession spark) {
    cfg.validate();
    long t0 = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    DatasetOutput.Target out = DatasetOutput.prepare(conf, cfg.getOutput(), cfg.isOverwrite());
    CorpusListing listing = CorpusListing.list(cfg, conf); // listing problems stop the job before any output
    DatasetManifest m = DatasetOutput.buildAtomically(spark.sparkContext(), out, cfg.isOverwrite(), "audio preprocessing",
        tmp -> runInto(spark, conf, listing, out.fs(), tmp), e -> {
          AudioDataException bad = DatasetOutput.findCause(e, AudioDataException.class);
          // Spark's exception message is a stack dump: surface ours, keep the chain
          return bad != null && bad != e ? new AudioDataException(bad.getFile(), bad.getProblem(), e) : null;
        });
    logSummary(m, out.path(), t0);
    Map<String, List<Long>> classCounts = new LinkedHashMap<>();
    m.getFeatureStats().forEach((split, st) -> classCounts.put(split, st.classCounts));
    EmptyClasses.warn(m.getClassNames(), classCounts, CorpusListing.TRAIN);
    return m;
  }

  private DatasetManifest runInto(SparkSession spark, Configuration conf, CorpusListing listing, FileSystem fs,
      Path tmp) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableConfiguration sconf = new SerializableConfiguration(conf);
    AudioPlan plan = new AudioPlan(listing.items, cfg);
    int total = plan.items.size();
    if (total == 0) {
      throw new IllegalArgumentException("no audio samples found in " + listing.root + " (layout " + listing.layout + ")");
    }
    int decodeTasks = decodeTasks(jsc, total);
    LOG.info("plan: {} corpus at {}, {} classes, splits {}, {} shards, {} decode tasks; {} features x {} per frame, "
            + "{} Hz, frame shift {} s", listing.layout, listing.root, listing.classNames.size(), plan.splitCounts,
        plan.shardSplit.size(), decodeTasks, cfg.getFeatures(), cfg.numFeatures(), cfg.getSampleRate(),
        cfg.frameShiftSeconds());

    Featurised featurised = featurise(spark, jsc, sconf, plan, listing.classNames.size(), decodeTasks);
    SplitTotals totals = new SplitTotals(plan, featurised.stats(), cfg.numFeatures());
    DatasetManifest.Normalization norm = totals.trainNormalization();
    boolean standardise = cfg.getNormalize() == AudioPreprocessConfig.Normalize.TRAIN_STATS;
    if (standardise) {
      if (norm == null) {
        throw new OptionException("{normalize} TRAIN_STATS needs samples in a '" + CorpusListing.TRAIN
            + "' split; splits: " + plan.splitCounts);
      }
      norm.applied = true;
    }
    List<DatasetManifest.Shard> shards = writeShards(spark, sconf, fs, tmp, featurised.shuffled(), plan,
        totals.shardRows, standardise ? norm : null);

    DatasetManifest manifest = manifest(listing, plan, totals.bySplit, norm, totals.skipped, shards);
    manifest.write(conf, tmp.toString());
    jsc.setJobDescription(null);
    return manifest;
  }

  /** Tasks that decode and featurise: readPartitions, or by default some 500 samples each, at least two per core. */
  private int decodeTasks(JavaSparkContext jsc, int total) {
    int parts = cfg.getReadPartitions() > 0 ? cfg.getReadPartitions()
        : Math.max(2 * jsc.defaultParallelism(), (total + 499) / 500);
    return Math.min(parts, total);
  }

  /** The featurised samples, shuffled into their shards, and each shard's statistics. */
  private record Featurised(JavaPairRDD<Long, AudioRecord> shuffled, List<FeatureShardStats> stats) {}

  /**
   * Decodes and featurises every sample and shuffles the records into shards in plan order; the
   * statistics are computed from the shuffled data, whose shuffle output the shard writing reuses
   * (every file is decoded once).
   */
  private Featurised featurise(SparkSession spark, JavaSparkContext jsc, SerializableConfiguration sconf,
      AudioPlan plan, int classes, int decodeTasks) {
    int total = plan.items.size();
    int nShards = plan.shardSplit.size();
    int nf = cfg.numFeatures();
    LongAccumulator read = jsc.sc().longAccumulator("audio samples read");
    ReadProgress progress = new ReadProgress(LOG, read, total);
    spark.sparkContext().addSparkListener(progress);
    JavaPairRDD<Long, AudioRecord> shuffled;
    List<FeatureShardStats> stats;
    long tRead = System.nanoTime();
    try {
      jsc.setJobDescription("audio: decode and featurise " + total + " samples, shuffle to " + nShards + " shards");
      shuffled = jsc.parallelize(plan.items, decodeTasks)
          .mapPartitionsToPair(new AudioReader(jsc.broadcast(cfg), sconf, read))
          .repartitionAndSortWithinPartitions(new ShardPartitioner(nShards));
      stats = shuffled.mapPartitionsWithIndex((idx, it) -> {
        FeatureShardStats s = new FeatureShardStats(idx, classes, nf);
        while (it.hasNext()) {
          s.add(it.next()._2());
        }
        return List.of(s.finish()).iterator();
      }, true).collect();
    } finally {
      spark.sparkContext().removeSparkListener(progress);
    }
    double readSeconds = (System.nanoTime() - tRead) / 1e9;
    LOG.info("decoded and featurised {} samples in {} s ({} samples/s)", total, String.format("%.1f", readSeconds),
        String.format("%.0f", total / readSeconds));
    return new Featurised(shuffled, stats);
  }

  /**
   * Writes the samples that were not skipped as shards, standardised with {@code norm} when it is
   * given (a feature of std 0 is only centred).
   */
  private static List<DatasetManifest.Shard> writeShards(SparkSession spark, SerializableConfiguration sconf,
      FileSystem fs, Path tmp, JavaPairRDD<Long, AudioRecord> shuffled, AudioPlan plan, long[] shardRows,
      DatasetManifest.Normalization norm) throws IOException {
    double[] mean = norm == null ? null : norm.mean.stream().mapToDouble(Double::doubleValue).toArray();
    double[] invStd = norm == null ? null : norm.std.stream().mapToDouble(s -> s > 0 ? 1 / s : 1).toArray();
    JavaRDD<FeatureRow> beans = shuffled.values().filter(r -> r.problem == null)
        .map(r -> new FeatureRow(r, mean, invStd));
    Dataset<Row> rows = FeatureRow.toFeatures(spark.createDataset(beans.rdd(), Encoders.bean(FeatureRow.class)));
    return DatasetOutput.writeShards(spark, sconf, fs, tmp, rows, plan.shardSplit, shardRows, "audio", LOG);
  }

  private DatasetManifest manifest(CorpusListing listing, AudioPlan plan, Map<String, DatasetManifest.FeatureStats> bySplit,
      DatasetManifest.Normalization norm, List<DatasetManifest.Skipped> skipped, List<DatasetManifest.Shard> shards) {
    DatasetManifest m = new DatasetManifest();
    m.setKind(DatasetManifest.KIND_FEATURES);
    m.setCreatedBy("snn-spark preprocess audio (" + AudioPreprocessJob.class.getName() + ")");
    // one source per split: the corpus root with the split's bytes and content fingerprint, then the lists
    for (Map.Entry<String, DatasetManifest.FeatureStats> e : bySplit.entrySet()) {
      DatasetManifest.FeatureStats st = e.getValue();
      m.getSources().add(new DatasetManifest.Source(e.getKey(), listing.root, st.sourceBytes, st.contentSha256,
          st.samples));
    }
    m.getSources().addAll(listing.listFiles);
    Map<String, String> params = new LinkedHashMap<>(cfg.toMap());
    params.put("corpus", listing.layout.name()); // AUTO resolved
    m.setParameters(params);
    m.setClassNames(listing.classNames);
    m.setNumChannels(cfg.numFeatures());
    int fixedFrames = cfg.clipSamples() > 0 ? new FeatureExtractor(cfg).numFrames(cfg.clipSamples()) : 0;
    long maxFrames = bySplit.values().stream().mapToLong(s -> s.maxFrames).max().orElse(0);
    m.setNumSteps(fixedFrames > 0 ? fixedFrames : (int) maxFrames);
    m.setBinWidthSeconds(cfg.frameShiftSeconds());
    m.setWindowEndSeconds(cfg.getClipSeconds() > 0 ? cfg.getClipSeconds()
        : bySplit.values().stream().mapToDouble(s -> s.maxSourceSeconds).max().orElse(0));
    m.setMode(cfg.getFeatures().name());
    m.setLayout(layout(listing));
    for (Map.Entry<String, DatasetManifest.FeatureStats> e : bySplit.entrySet()) {
      m.getSplitCounts().put(e.getKey(), e.getValue().samples);
    }
    m.setFeatureStats(bySplit);
    m.setNormalization(norm);
    m.setValidation(listing.validation);
    m.setSkipped(skipped);
    m.setSkippedCount(skipped.size());
    m.setShards(shards);
    return m;
  }

  private Map<String, String> layout(CorpusListing listing) {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("files", "split=<name>/part-NNNNN.parquet, one row per sample, rows ordered by sample_id");
    l.put("features", FeatureSchema.FEATURES + "[t * " + FeatureSchema.N_FEATURES + " + f] = feature f of frame t, t < "
        + FeatureSchema.N_FRAMES + " (time-major; n_frames varies unless clipSeconds is set; numSteps is the most)");
    if (cfg.getFeatures() == AudioPreprocessConfig.Features.MEL) {
      l.put("featureIndex", "f = c * " + cfg.getMelBins() + " + m: mel band m of channel c (0 static"
          + (cfg.getMelDeltaOrder() >= 1 ? ", 1 delta" : "") + (cfg.getMelDeltaOrder() >= 2 ? ", 2 delta-delta" : "")
          + (cfg.getMelDeltaOrder() > 2 ? ", c: delta of order c" : "") + ")");
    } else {
      l.put("featureIndex", cfg.isFbankUseEnergy() ? "f = 0: log energy; f = 1 + b: mel bin b" : "f = mel bin");
    }
    l.put("frames", "frame t covers samples from t * " + (int) Math.round(cfg.frameShiftSeconds() * cfg.getSampleRate())
        + " at " + cfg.getSampleRate() + " Hz" + (cfg.getFeatures() == AudioPreprocessConfig.Features.MEL && cfg.isMelCenter()
        ? ", centred (the signal padded by n_fft/2)" : ""));
    l.put("speaker", "string: GSC hex id, HD speaker number in decimal; null when unknown");
    l.put("sources", "per split: the corpus root, the bytes of the split's audio files and, as sha256, the split's"
        + " featureStats.contentSha256; then the split list files with their own SHA-256");
    l.put("source_index", "0 for whole files; for _silence_ clips the first sample of the clip in the noise file, at its rate");
    l.put("normalization", cfg.getNormalize() == AudioPreprocessConfig.Normalize.TRAIN_STATS
        ? "stored features are (x - mean) / std with the manifest's normalization (std 0 -> 1)"
        : "stored features are raw; normalization holds the train split's per-feature mean and std");
    listing.notes.forEach((k, v) -> l.put("selection." + k, v));
    return l;
  }

  private static void logSummary(DatasetManifest m, Path out, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    long samples = m.getSplitCounts().values().stream().mapToLong(Long::longValue).sum();
    double audio = m.getFeatureStats().values().stream().mapToDouble(x -> x.sourceSeconds).sum();
    long bytes = m.getShards().stream().mapToLong(x -> x.sizeBytes).sum();
    LOG.info("features dataset written to {}: {} samples {} ({} skipped), {} s of audio, {} features x up to {} frames, "
            + "{} shards, {} bytes, {} s total ({} samples/s)", out, samples, m.getSplitCounts(), m.getSkippedCount(),
        String.format("%.1f", audio), m.getNumChannels(), m.getNumSteps(), m.getShards().size(), bytes,
        String.format("%.1f", s), String.format("%.0f", samples / s));
  }
}
