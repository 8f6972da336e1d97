package org.snnspark.pipeline.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snnspark.models.dl4j.PreciseStatistics;
import org.snnspark.models.dl4j.NetworkDelays;
import org.snnspark.models.engine.SpikeDropout;
import org.snnspark.models.spec.Flops;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.data.BatchBuilder;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.data.Sample;
import org.snnspark.pipeline.distributed.AdamScaling;
import org.snnspark.pipeline.distributed.Averaging;
import org.snnspark.pipeline.distributed.LrWarmup;
import org.snnspark.pipeline.distributed.OuterOptimizer;
import org.snnspark.pipeline.distributed.RoundCostModel;
import org.snnspark.pipeline.distributed.RoundTrainingMaster;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.io.OptionsToml;
import org.snnspark.pipeline.io.StagedOutput;
import org.snnspark.pipeline.report.EpochStats;
import org.snnspark.pipeline.report.RunPlots;
import org.snnspark.pipeline.spark.GpuAssignment;
import org.snnspark.pipeline.spark.WorkerCount;

/**
 * Fits a spiking network on a prepared dataset with data-parallel averaging rounds on Spark.
 *
 * <p>An epoch is a sequence of averaging rounds. The training samples are cached, one partition
 * per worker; each epoch fixes every worker's sample order once (a function of seed, epoch and
 * partition). In each round every worker fits its next {@code --averaging-frequency} minibatches
 * starting from the broadcast parameters and updater state, and the driver combines what the
 * workers return ({@link RoundTrainingMaster}: one Spark job per round, worker networks kept in
 * their executors, plain averaging or an outer Nesterov step). The workers' learning rate is the
 * schedule's rate times a factor that grows with the number of workers, and their Adam's moment
 * decays keep one worker's span in samples ({@link AdamScaling}); the rate's factor is reached by
 * a linear warm-up. Every round's data, counters and thus the whole run are a function
 * of the seed, which is what lets {@code --resume} reproduce an uninterrupted run.
 *
 * <p>After every epoch: validation accuracy, a checkpoint, the learning-rate schedule. The best
 * epoch by validation accuracy is kept whole (parameters, updater state, counters), scored on
 * the test split and saved as {@code model.zip}.
 */
public final class SparkTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);
  private static final int PROBE_SAMPLES = 64;

  private final TrainConfig cfg;
  private final List<EpochListener> epochListeners = new ArrayList<>();

  public SparkTrainer(TrainConfig cfg) {
    cfg.validate();
    this.cfg = cfg;
  }

  /**
   * Calls {@code listener} after every epoch, once its checkpoint is written. A listener that
   * throws ends the run as a failure: nothing looks finished, and {@code --resume} continues after
   * the epoch.
   */
  public SparkTrainer addEpochListener(EpochListener listener) {
    epochListeners.add(listener);
    return this;
  }

  public TrainResult run(SparkSession spark) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    PreparedDataset data = PreparedDataset.open(spark, cfg.dataset);
    String validSplit = cfg.validSplitIn(data);
    String testSplit = cfg.testSplitIn(data);
    if (cfg.stopAtAccuracy > 0 && validSplit == null) {
      throw new IllegalArgumentException("--stop-at-accuracy " + cfg.stopAtAccuracy + ": dataset "
          + cfg.dataset + " has no validation split (it has " + data.splitNames() + "); name one with"
          + " --valid-split");
    }
    int workers = WorkerCount.resolve(jsc, cfg.workers);
    try (StagedOutput out = StagedOutput.resumable(jsc.hadoopConfiguration(), cfg.output,
        cfg.overwrite, cfg.resume);
        Run run = new Run(jsc, data, validSplit, testSplit, workers, out)) {
      run.trainEpochs();
      TrainResult result = run.scoreAndSaveBest();
      out.commit();
      return result;
    }
  }

  /**
   * One run's state on the driver: the network and counters (new or resumed from the latest
   * checkpoint), the cached splits, and the master that trains a round.
   */
  private final class Run implements AutoCloseable {
    private final JavaSparkContext jsc;
    private final PreparedDataset data;
    private final BatchBuilder batches;
    private final int workers;
    private final StagedOutput out;
    private final Checkpoints checkpoints;
    private final OuterOptimizer outer;
    private final MultiLayerNetwork net;
    private final RunState state;
    private final JavaRDD<Sample> train;
    private final JavaRDD<Sample> valid;
    private final String testSplit;
    private final int frequency;
    private final RoundTrainingMaster master;
    private long nTrain;
    private int rounds;
    /** The first samples of the validation split (else train): firing rates and plots. */
    private DataSet probe;
    /** With --noise-scale-samples: the fixed minibatches the gradient noise scale is measured on. */
    private List<DataSet> noiseBatches = List.of();
    /** With --precise-statistics: the fixed minibatches batch-norm's statistics are recomputed on. */
    private List<DataSet> statisticsBatches = List.of();
    private final List<GradientNoiseScale> noiseScales = new ArrayList<>();

    Run(JavaSparkContext jsc, PreparedDataset data, String validSplit, String testSplit, int workers,
        StagedOutput out) {
      this.jsc = jsc;
      this.testSplit = testSplit;
      this.data = data;
      this.batches = data.batchBuilder();
      this.workers = workers;
      this.out = out;
      checkpoints = new Checkpoints(out, cfg.keepCheckpoints);
      RunState resumed = cfg.resume ? checkpoints.latest().orElse(null) : null;
      String settings = OptionsToml.render("snn-spark train: the settings of this run;"
          + " repeat it with --preset run.toml", cfg);
      if (resumed != null) {
        ResumedSettings.requireSame(out, settings);
        ResumedSettings.requireSameWorkers(resumed.workers, workers, out.target().toString());
      }
      // with one worker there is nothing to average: its training is the plain one
      outer = new OuterOptimizer(workers == 1 ? Averaging.PLAIN : cfg.averaging,
          cfg.outerLr, cfg.outerMomentum, cfg.statisticsDecay);
      if (resumed != null) {
        net = checkpoints.load(resumed.checkpoint);
        outer.restoreVelocity(checkpoints.loadVelocity(resumed));
        state = resumed;
        LOG.info("resuming {} after epoch {} of {} (learning rate {})", out.target(), state.epoch,
            cfg.epochs, state.learningRate);
      } else {
        net = newNetwork();
        state = new RunState();
        state.workers = workers;
        state.learningRate = cfg.learningRate;
        if (cfg.resume) {
          LOG.info("nothing to resume for {}: starting from epoch 1", out.target());
        }
      }
      out.writeString(StagedOutput.RUN_MARKER, settings);
      // Sparse samples are small: cache them, one partition per worker, densify per batch.
      train = workerPartitions(data.samples(cfg.trainSplit), workers).persist(StorageLevel.MEMORY_ONLY());
      valid = validSplit != null ? data.samples(validSplit).persist(StorageLevel.MEMORY_ONLY()) : null;
      frequency = averagingFrequency(net, batches, workers);
      master = new RoundTrainingMaster(frequency, cfg.aggregationFanIn, outer);
    }

    private MultiLayerNetwork newNetwork() {
      if (cfg.initModel != null) {
        MultiLayerNetwork start = ModelStore.load(jsc.hadoopConfiguration(), cfg.initModel);
        data.requireFits(start, "initModel", cfg.initModel);
        LOG.info("fine-tuning {}: its network and parameters, a fresh optimizer; the model options"
            + " of this run are not used", cfg.initModel);
        return FineTuning.start(start, cfg.adam(workers));
      }
      MultiLayerConfiguration conf = NetworkBuilder.build(cfg.modelSpec(), batches.channels(),
          batches.classes(), cfg.seed, cfg.adam(workers));
      MultiLayerNetwork n = new MultiLayerNetwork(conf);
      n.init();
      return n;
    }

    /** The epochs from the first not yet trained to {@code --epochs}, or to the target accuracy. */
    void trainEpochs() {
      nTrain = train.count();
      rounds = roundsPerEpoch(train, frequency);
      LrWarmup lrFactor = new LrWarmup(cfg.adamScaling.rateFactor(workers),
          (long) Math.ceil(cfg.warmupEpochs * rounds));
      JavaRDD<Sample> trainEval = cfg.trainEvalSamples == 0 ? null
          : (cfg.trainEvalSamples >= nTrain ? train
              : train.sample(false, cfg.trainEvalSamples / (double) nTrain, cfg.seed));
      probe = batches.build((valid != null ? valid : train).take(PROBE_SAMPLES));
      logStart();
      noiseBatches = trainingMinibatches(cfg.noiseScaleSamples, 2, "--noise-scale-samples");
      statisticsBatches = trainingMinibatches(cfg.preciseStatistics, 1, "--precise-statistics");
      measureNoiseScale("before epoch " + (state.epoch + 1));
      SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, master);
      double trainSeconds = 0;
      int firstEpoch = state.epoch + 1;
      for (int epoch = firstEpoch; epoch <= cfg.epochs; epoch++) {
        long start = System.nanoTime();
        double loss = fitEpoch(sparkNet, epoch, lrFactor, start);
        PreciseStatistics.recompute(net, statisticsBatches);
        double seconds = (System.nanoTime() - start) / 1e9;
        trainSeconds += seconds;
        double trainAcc = trainEval == null ? Double.NaN
            : SplitEvaluator.evaluate(sparkNet, trainEval, batches).accuracy();
        double validAcc = valid != null
            ? SplitEvaluator.evaluate(sparkNet, valid, batches).accuracy() : Double.NaN;
        EpochStats stats = new EpochStats(epoch, loss, trainAcc, validAcc, state.learningRate,
            firingRates(net, probe), nTrain, seconds);
        endEpoch(stats);
        double eta = trainSeconds / (epoch - firstEpoch + 1) * (cfg.epochs - epoch);
        logEpoch(stats, eta);
        measureNoiseScale("after epoch " + epoch);
        for (EpochListener l : epochListeners) {
          l.epochEnded(stats);
        }
        if (cfg.stopAtAccuracy > 0 && validAcc >= cfg.stopAtAccuracy) {
          LOG.info(String.format(Locale.ROOT, "validation accuracy %s reached --stop-at-accuracy %.4g"
              + " after epoch %d: stopping", percent(validAcc), cfg.stopAtAccuracy, epoch));
          break;
        }
      }
    }

    /**
     * A seeded sample of about {@code samples} training samples, cut into whole minibatches (at
     * least {@code minimum}): the same every epoch. Empty for 0.
     */
    private List<DataSet> trainingMinibatches(int samples, int minimum, String option) {
      if (samples == 0) {
        return List.of();
      }
      int k = (int) Math.min(samples, nTrain) / cfg.batchSize;
      if (k < minimum) {
        throw new IllegalArgumentException(option + " " + samples + ": the training split has " + nTrain
            + " samples, fewer than " + minimum + " minibatch(es) of " + cfg.batchSize);
      }
      List<Sample> drawn = train.takeSample(false, k * cfg.batchSize, cfg.seed);
      List<DataSet> out = new ArrayList<>(k);
      for (int i = 0; i < k; i++) {
        out.add(batches.build(drawn.subList(i * cfg.batchSize, (i + 1) * cfg.batchSize)));
      }
      return out;
    }

    private void measureNoiseScale(String when) {
      if (noiseBatches.isEmpty()) {
        return;
      }
      GradientNoiseScale g = GradientNoiseScale.measure(net, noiseBatches, cfg.batchSize);
      noiseScales.add(g);
      LOG.info("{}: {}", when, g.describe());
    }

    private void logStart() {
      LOG.info("training {} on {} ({} train samples, {} channels x {} steps, {} classes): {}"
              + " worker(s) x batch {}, {} averaging rounds of {} minibatches per epoch ({} averaging,"
              + " worker learning rate x{}, Adam betas {}), {} parameters",
          cfg.modelSpec(), cfg.dataset, nTrain, batches.channels(), batches.steps(),
          batches.classes(), workers, cfg.batchSize, rounds, frequency, outer.rule(),
          String.format(Locale.ROOT, "%.3g", cfg.adamScaling.rateFactor(workers)), adamBetas(net), net.numParams());
      if (workers > 1) {
        LOG.info("{} workers: each averaged step sees {} minibatches of {}, so an epoch holds {}x fewer"
            + " steps than with one worker; see --workers in --help", workers, workers, cfg.batchSize,
            workers);
      }
    }

    /** Every round of one epoch; the mean of the rounds' training losses. */
    private double fitEpoch(SparkDl4jMultiLayer sparkNet, int epoch, LrWarmup lrFactor, long start) {
      net.setLearningRate(state.learningRate);
      NetworkDelays.startEpoch(net.getLayers(), epoch - 1);
      JavaRDD<List<Sample>> order = epochOrder(train, epoch).persist(StorageLevel.MEMORY_ONLY());
      double lossSum = 0;
      for (int round = 0; round < rounds; round++) {
        net.getLayerWiseConfigurations().setEpochCount(epoch - 1);
        master.setLearningRateFactor(lrFactor.at((epoch - 1) * rounds + round));
        sparkNet.fit(roundBatches(order, batches, round, frequency));
        lossSum += master.lastRound().meanScore();
        logRoundProgress(epoch, round + 1, rounds, lossSum / (round + 1), start);
      }
      order.unpersist(false);
      net.getLayerWiseConfigurations().setEpochCount(epoch);
      return lossSum / Math.max(rounds, 1);
    }

    /** Records the epoch, keeps the best, steps the learning-rate schedule, writes the checkpoint. */
    private void endEpoch(EpochStats stats) {
      state.history.add(stats);
      double validAcc = stats.validAccuracy();
      boolean isBest = valid == null || Double.isNaN(state.bestValidAccuracy)
          || validAcc > state.bestValidAccuracy;
      if (isBest) {
        state.bestValidAccuracy = validAcc;
        state.bestEpoch = stats.epoch();
      }
      state.epoch = stats.epoch();
      state.nextLearningRate(cfg, validAcc);
      checkpoints.save(net, outer.velocity(), state, isBest);
    }

    private void logEpoch(EpochStats stats, double eta) {
      LOG.info(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  train acc %s  valid acc %s"
              + "  firing %s  lr %.2g  %.0f samples/s  %.1fs  ETA %.0fs", stats.epoch(), cfg.epochs,
          stats.trainLoss(), percent(stats.trainAccuracy()), percent(stats.validAccuracy()),
          rates(stats.firingRates()), stats.learningRate(), stats.samplesPerSecond(), stats.seconds(), eta));
      warnIfSilent(stats);
    }

    /**
     * The best epoch's whole state (parameters, updater state and counters), its synaptic delays
     * rounded to whole steps: scored on the test split, saved as {@code model.zip} with the run's
     * plots and metrics.
     */
    TrainResult scoreAndSaveBest() {
      MultiLayerNetwork best = checkpoints.load(state.bestCheckpoint);
      if (NetworkDelays.any(best.getLayers())) {
        // trained as Gaussians over the taps; used, as SNN-delays uses them, as whole steps
        NetworkDelays.round(best.getLayers());
        LOG.info("synaptic delays of the best epoch rounded to whole steps; the test split and model.zip"
            + " use them so");
      }
      Double testAcc = null;
      long[][] confusion = null;
      if (testSplit != null) {
        Evaluation ev = SplitEvaluator.evaluate(new SparkDl4jMultiLayer(jsc, best, master),
            data.samples(testSplit), batches);
        testAcc = ev.accuracy();
        confusion = SplitEvaluator.confusion(ev, batches.classes());
        LOG.info(String.format(Locale.ROOT, "test accuracy %.2f%% (%d samples, best epoch %d)",
            100 * testAcc, data.count(testSplit), state.bestEpoch));
      }
      ModelStore.save(best, out.fs(), out.resolve("model.zip"));
      writePlots(best);
      TrainResult result = new TrainResult(out.target().toString(), state.history,
          state.bestEpoch, state.bestValidAccuracy, testAcc, confusion, workers, rounds,
          List.copyOf(noiseScales));
      MetricsWriter.write(out, result, data.classNames());
      return result;
    }

    private void writePlots(MultiLayerNetwork best) {
      RunPlots.curves(out, state.history);
      String sampleTitle = "probe sample, class "
          + data.classNames().get(probe.getLabels().getRow(0).argMax().getInt(0));
      RunPlots.rasters(out, best, probe.getFeatures(), sampleTitle);
      RunPlots.membranes(out, best, probe.getFeatures(), data.classNames(), sampleTitle);
    }

    @Override
    public void close() {
      master.close();
      train.unpersist(false);
      if (valid != null) {
        valid.unpersist(false);
      }
    }
  }

  /**
   * The averaging frequency: the one asked for, or for {@code auto} the smallest whose predicted
   * communication share of a round is under 10% ({@link RoundCostModel}), but no more local steps
   * than several workers can take apart without costing epochs ({@link RoundCostModel#autoFrequency}): a function
   * of the settings and the network's size only, so a resumed run resolves it the same way.
   */
  private int averagingFrequency(MultiLayerNetwork net, BatchBuilder batches, int workers) {
    if (cfg.averagingFrequency != AveragingFrequency.AUTO) {
      return cfg.averagingFrequency;
    }
    RoundCostModel model = cfg.roundCostModel();
    long state = RoundCostModel.adamStateBytes(net.numParams());
    double flopsPerSample = Flops.network(cfg.batchSize, batches.steps(), batches.channels(), cfg.hidden,
        cfg.neuron.isRecurrent(), batches.classes()) / cfg.batchSize;
    int wanted = model.communicationFrequency(workers, state, cfg.batchSize, flopsPerSample);
    int f = model.autoFrequency(workers, state, cfg.batchSize, flopsPerSample);
    String bounded = f < wanted ? String.format(Locale.ROOT, "; communication alone would want %d, but %d"
        + " workers' local steps cost epochs beyond %d", wanted, workers, f) : "";
    LOG.info(String.format(Locale.ROOT, "--averaging-frequency auto: %d (predicted communication %.0f%% of"
            + " a round: %.1f ms against %.1f ms of compute; %.2g MB of state, %.3g Gbit/s, %.3g GFLOP/s a"
            + " worker, %.3g ms a round's overhead%s)", f,
        100 * model.communicationShare(workers, state, f, cfg.batchSize, flopsPerSample),
        1e3 * model.communicationSeconds(workers, state), 1e3 * model.computeSeconds(f, cfg.batchSize, flopsPerSample),
        state / 1e6, cfg.networkGbps, cfg.executorGflops, cfg.roundOverheadMs, bounded));
    return f;
  }

  /** The Adam decays the network trains with (of its first layer; every layer has the same). */
  private static String adamBetas(MultiLayerNetwork net) {
    org.nd4j.linalg.learning.config.IUpdater u = net.getLayer(0).conf().getLayer().getUpdaterByParam("W");
    return u instanceof org.nd4j.linalg.learning.config.Adam a
        ? String.format(Locale.ROOT, "%.3g/%.4g", a.getBeta1(), a.getBeta2()) : String.valueOf(u);
  }

  /** Rounds that empty the largest worker partition, {@code frequency} minibatches each. */
  private int roundsPerEpoch(JavaRDD<Sample> train, int frequency) {
    long largestPartition = train.mapPartitions(it -> {
      long n = 0;
      for (; it.hasNext(); it.next()) {
        n++;
      }
      return List.of(n).iterator();
    }).collect().stream().mapToLong(Long::longValue).max().orElse(0);
    return (int) Math.ceil(largestPartition / (double) (cfg.batchSize * frequency));
  }

  /**
   * The training samples in one partition per worker, each partition ordered by sample id. The
   * shuffle that deals them out fixes which worker gets which sample, but not the order in which
   * a worker receives them: that follows the order its shuffle blocks arrive in, and Spark fetches
   * blocks from other executors in a random order.
   */
  private static JavaRDD<Sample> workerPartitions(JavaRDD<Sample> samples, int workers) {
    return samples.repartition(workers).mapPartitions(it -> {
      List<Sample> list = new ArrayList<>();
      it.forEachRemaining(list::add);
      list.sort(Comparator.comparing(Sample::id));
      return list.iterator();
    }, true);
  }

  /**
   * Every worker's samples of one epoch in an order fixed by (seed, epoch, partition): computed
   * and cached by the epoch's first round, sliced by every round.
   */
  private JavaRDD<List<Sample>> epochOrder(JavaRDD<Sample> samples, int epoch) {
    long seed = cfg.seed;
    return samples.mapPartitionsWithIndex((part, it) -> {
      List<Sample> list = new ArrayList<>();
      it.forEachRemaining(list::add);
      Collections.shuffle(list, new Random(seed * 1_000_003L + epoch * 7919L + part));
      return List.of(list).iterator();
    }, true);
  }

  /** One averaging round's minibatches: each worker's slice of {@code frequency} batches. */
  private JavaRDD<DataSet> roundBatches(JavaRDD<List<Sample>> order, BatchBuilder batches, int round,
      int frequency) {
    int batchSize = cfg.batchSize;
    int perRound = cfg.batchSize * frequency;
    return order.mapPartitions(lists -> {
      // runs in the task's thread before the worker trains: pick its GPU here
      GpuAssignment.bindCurrentThread();
      // each worker its own reproducible dropout stream: the partition of the task that trains
      SpikeDropout.setWorkerStreamSource(SparkTrainer::taskWorkerStream);
      List<Sample> list = lists.next();
      int from = Math.min(round * perRound, list.size());
      int to = Math.min(from + perRound, list.size());
      return batches.batches(list.subList(from, to).iterator(), batchSize);
    }, true);
  }

  /** 1 + the running Spark task's partition; 0 outside a task (the driver, plain DL4J use). */
  static long taskWorkerStream() {
    org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
    return task == null ? 0L : task.partitionId() + 1L;
  }

  private void logRoundProgress(int epoch, int round, int rounds, double loss, long start) {
    // at most ~10 lines per epoch, and only when rounds are many
    int every = Math.max(1, rounds / 10);
    if (rounds >= 10 && round % every == 0 && round < rounds) {
      double elapsed = (System.nanoTime() - start) / 1e9;
      LOG.info(String.format(Locale.ROOT, "  epoch %d round %d/%d  loss %.4f  epoch ETA %.0fs",
          epoch, round, rounds, loss, elapsed / round * (rounds - round)));
    }
  }

  /** Mean spike probability per spiking layer on a probe batch (binary outputs: mean = rate). */
  static double[] firingRates(MultiLayerNetwork net, DataSet probe) {
    List<INDArray> acts = net.feedForward(probe.getFeatures(), false);
    int spiking = net.getnLayers() - 2; // all but the readout and the loss layer
    double[] rates = new double[Math.max(spiking, 0)];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = acts.get(i + 1).meanNumber().doubleValue();
    }
    return rates;
  }

  private void warnIfSilent(EpochStats stats) {
    double[] r = stats.firingRates();
    for (int l = 0; l < r.length; l++) {
      if (r[l] == 0) {
        LOG.warn("spiking layer {} emitted no spike on the probe batch after epoch {}: a silent"
            + " layer passes no gradient through its surrogate. Try --batch-norm, a lower"
            + " --threshold or a wider --surrogate-parameter", l + 1, stats.epoch());
      }
    }
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }

  private static String rates(double[] r) {
    StringBuilder b = new StringBuilder();
    for (double v : r) {
      b.append(b.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return b.toString();
  }
}
