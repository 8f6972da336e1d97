package org.snnspark.pipeline.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.data.BatchBuilder;
import org.snnspark.pipeline.data.Sample;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.io.OptionsToml;
import org.snnspark.pipeline.io.StagedOutput;
import org.snnspark.pipeline.report.RunPlots;
import org.snnspark.pipeline.spark.GpuAssignment;

/**
 * Fits a spiking network on a prepared dataset with DL4J-Spark parameter averaging.
 *
 * <p>An epoch is a sequence of averaging rounds. In each round every worker (one Spark task per
 * partition of the cached training samples) fits {@code averagingFrequency} minibatches starting
 * from the broadcast parameters and updater state; the driver then averages what the workers
 * return. Rounds are driven here, one {@code fit} per round, rather than left to DL4J's random
 * splits: every round's data, the iteration counter and thus the whole run are a function of the
 * seed and the epoch, which is what lets {@code --resume} reproduce an uninterrupted run.
 *
 * <p>After every epoch: validation accuracy, a checkpoint, the learning-rate schedule. The best
 * epoch by validation accuracy is kept and scored on the test split.
 */
public final class SparkTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);
  private static final int PROBE_SAMPLES = 64;

  private final TrainConfig cfg;
  /** Test hook: fail as if killed once this epoch's checkpoint is written (0 = never). */
  int failAfterEpoch;

  public SparkTrainer(TrainConfig cfg) {
    cfg.validate();
    this.cfg = cfg;
  }

  public TrainResult run(SparkSession spark) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    PreparedDataset data = PreparedDataset.open(spark, cfg.dataset);
    BatchBuilder batches = data.batchBuilder();
    int workers = cfg.workers > 0 ? cfg.workers : jsc.defaultParallelism();
    boolean hasValid = data.hasSplit(cfg.validSplit);
    boolean hasTest = data.hasSplit(cfg.testSplit);

    try (StagedOutput out = StagedOutput.resumable(jsc.hadoopConfiguration(), cfg.output,
        cfg.overwrite, cfg.resume)) {
      Checkpoints checkpoints = new Checkpoints(out, cfg.keepCheckpoints);
      RunState state = cfg.resume ? checkpoints.latest().orElse(null) : null;
      MultiLayerNetwork net;
      INDArray bestParams;
      if (state != null) {
        net = checkpoints.load(state.checkpoint);
        bestParams = state.bestCheckpoint == null ? net.params().dup()
            : checkpoints.load(state.bestCheckpoint).params().dup();
        LOG.info("resuming {} after epoch {} of {} (learning rate {})", out.target(), state.epoch,
            cfg.epochs, state.learningRate);
      } else {
        MultiLayerConfiguration conf = NetworkBuilder.build(cfg.modelSpec(), batches.channels(),
            batches.classes(), cfg.seed, new Adam(cfg.learningRate));
        net = new MultiLayerNetwork(conf);
        net.init();
        bestParams = net.params().dup();
        state = new RunState();
        state.learningRate = cfg.learningRate;
        if (cfg.resume) {
          LOG.info("nothing to resume for {}: starting from epoch 1", out.target());
        }
      }
      out.writeString("run.toml", OptionsToml.render("snn-spark train: the settings of this run;"
          + " repeat it with --preset run.toml", cfg));

      // Sparse samples are small: cache them, one partition per worker, densify per batch.
      JavaRDD<Sample> train = data.samples(cfg.trainSplit).repartition(workers)
          .persist(StorageLevel.MEMORY_ONLY());
      JavaRDD<Sample> valid = hasValid
          ? data.samples(cfg.validSplit).persist(StorageLevel.MEMORY_ONLY()) : null;
      try {
        long nTrain = train.count();
        long largestPartition = train.mapPartitions(it -> {
          long n = 0;
          for (; it.hasNext(); it.next()) {
            n++;
          }
          return List.of(n).iterator();
        }).collect().stream().mapToLong(Long::longValue).max().orElse(0);
        int rounds = (int) Math.ceil(largestPartition / (double) (cfg.batchSize * cfg.averagingFrequency));
        JavaRDD<Sample> trainEval = cfg.trainEvalSamples == 0 ? null
            : (cfg.trainEvalSamples >= nTrain ? train
                : train.sample(false, cfg.trainEvalSamples / (double) nTrain, cfg.seed));
        DataSet probe = batches.build((hasValid ? valid : train).take(PROBE_SAMPLES));
        LOG.info("training {} on {} ({} train samples, {} channels x {} steps, {} classes): {}"
                + " workers x batch {}, {} averaging rounds of {} minibatches per epoch, {} parameters",
            cfg.modelSpec(), cfg.dataset, nTrain, batches.channels(), batches.steps(),
            batches.classes(), workers, cfg.batchSize, rounds, cfg.averagingFrequency,
            net.numParams());

        double trainSeconds = 0;
        int firstEpoch = state.epoch + 1;
        for (int epoch = firstEpoch; epoch <= cfg.epochs; epoch++) {
          long start = System.nanoTime();
          net.setLearningRate(state.learningRate);
          net.getLayerWiseConfigurations().setEpochCount(epoch - 1);
          double lossSum = 0;
          for (int round = 0; round < rounds; round++) {
            SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net, master(workers));
            JavaRDD<DataSet> roundData = roundBatches(train, batches, epoch, round)
                .persist(StorageLevel.MEMORY_ONLY());
            sparkNet.fit(roundData);
            roundData.unpersist(false);
            lossSum += sparkNet.getScore();
            // workers advanced their own copies; the driver's counter drives the next round
            net.getLayerWiseConfigurations().setIterationCount(
                net.getLayerWiseConfigurations().getIterationCount() + cfg.averagingFrequency);
            logRoundProgress(epoch, round + 1, rounds, lossSum / (round + 1), start);
          }
          double seconds = (System.nanoTime() - start) / 1e9;
          trainSeconds += seconds;

          SparkDl4jMultiLayer scorer = new SparkDl4jMultiLayer(jsc, net, master(workers));
          double trainAcc = trainEval == null ? Double.NaN
              : SplitEvaluator.evaluate(scorer, trainEval, batches).accuracy();
          double validAcc = hasValid
              ? SplitEvaluator.evaluate(scorer, valid, batches).accuracy() : Double.NaN;
          EpochStats stats = new EpochStats(epoch, lossSum / Math.max(rounds, 1), trainAcc,
              validAcc, state.learningRate, firingRates(net, probe), nTrain, seconds);
          state.history.add(stats);
          boolean isBest = !hasValid || Double.isNaN(state.bestValidAccuracy)
              || validAcc > state.bestValidAccuracy;
          if (isBest) {
            state.bestValidAccuracy = validAcc;
            state.bestEpoch = epoch;
            bestParams = net.params().dup();
          }
          state.epoch = epoch;
          state.nextLearningRate(cfg, validAcc);
          checkpoints.save(net, state, isBest);
          double eta = trainSeconds / (epoch - firstEpoch + 1) * (cfg.epochs - epoch);
          LOG.info(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  train acc %s  valid acc %s"
                  + "  firing %s  lr %.2g  %.0f samples/s  %.1fs  ETA %.0fs", epoch, cfg.epochs,
              stats.trainLoss(), percent(trainAcc), percent(validAcc), rates(stats.firingRates()),
              stats.learningRate(), stats.samplesPerSecond(), seconds, eta));
          warnIfSilent(stats);
          if (epoch == failAfterEpoch) {
            throw new IllegalStateException("simulated failure after epoch " + epoch);
          }
        }

        net.setParams(bestParams);
        Double testAcc = null;
        long[][] confusion = null;
        if (hasTest) {
          Evaluation ev = SplitEvaluator.evaluate(new SparkDl4jMultiLayer(jsc, net,
              master(workers)), data.samples(cfg.testSplit), batches);
          testAcc = ev.accuracy();
          confusion = SplitEvaluator.confusion(ev, batches.classes());
          LOG.info(String.format(Locale.ROOT, "test accuracy %.2f%% (%d samples, best epoch %d)",
              100 * testAcc, data.count(cfg.testSplit), state.bestEpoch));
        }
        ModelStore.save(net, out.fs(), out.resolve("model.zip"));
        RunPlots.curves(out, state.history);
        String sampleTitle = "probe sample, class "
            + data.classNames().get(probe.getLabels().getRow(0).argMax().getInt(0));
        RunPlots.rasters(out, net, probe.getFeatures(), sampleTitle);
        RunPlots.membranes(out, net, probe.getFeatures(), data.classNames(), sampleTitle);
        TrainResult result = new TrainResult(out.target().toString(), state.history,
            state.bestEpoch, state.bestValidAccuracy, testAcc, confusion);
        MetricsWriter.write(out, result, data.classNames());
        out.commit();
        return result;
      } finally {
        train.unpersist(false);
        if (valid != null) {
          valid.unpersist(false);
        }
      }
    }
  }

  private ParameterAveragingTrainingMaster master(int workers) {
    return new ParameterAveragingTrainingMaster.Builder(workers, cfg.batchSize)
        .batchSizePerWorker(cfg.batchSize)
        .averagingFrequency(cfg.averagingFrequency)
        .workerPrefetchNumBatches(2)
        .saveUpdater(true)
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        // each round's batches are persisted here; DL4J must not cache or reshuffle them
        .storageLevel(null)
        .repartionData(Repartition.Never)
        .rngSeed(cfg.seed)
        .build();
  }

  /**
   * One averaging round's minibatches: every worker's samples in an order fixed by (seed, epoch,
   * partition), of which this round takes its slice of {@code averagingFrequency} batches.
   */
  private JavaRDD<DataSet> roundBatches(JavaRDD<Sample> samples, BatchBuilder batches,
      int epoch, int round) {
    long seed = cfg.seed;
    int batchSize = cfg.batchSize;
    int perRound = cfg.batchSize * cfg.averagingFrequency;
    return samples.mapPartitionsWithIndex((part, it) -> {
      // runs in the task's thread before DL4J builds the worker's network: pick its GPU here
      GpuAssignment.bindCurrentThread();
      List<Sample> list = new ArrayList<>();
      it.forEachRemaining(list::add);
      Collections.shuffle(list, new Random(seed * 1_000_003L + epoch * 7919L + part));
      int from = Math.min(round * perRound, list.size());
      int to = Math.min(from + perRound, list.size());
      return batches.batches(list.subList(from, to).iterator(), batchSize);
    }, true);
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
