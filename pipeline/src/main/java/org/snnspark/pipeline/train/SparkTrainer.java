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
import org.snnspark.pipeline.data.SparseSample;
import org.snnspark.pipeline.data.SpikeDataset;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.io.OptionsToml;
import org.snnspark.pipeline.io.StagedOutput;

/**
 * Fits a spiking network on a prepared dataset with DL4J-Spark parameter averaging: each worker
 * (a Spark task) fits {@code averagingFrequency} minibatches from the broadcast parameters, the
 * driver averages the workers' parameters (and updater state), and the next round starts from the
 * average. The best epoch by validation accuracy is kept and scored on the test split.
 */
public final class SparkTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);
  private static final int PROBE_SAMPLES = 64;

  private final TrainConfig cfg;

  public SparkTrainer(TrainConfig cfg) {
    cfg.validate();
    this.cfg = cfg;
  }

  public TrainResult run(SparkSession spark) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SpikeDataset data = SpikeDataset.open(spark, cfg.dataset);
    BatchBuilder batches = data.batchBuilder();
    int workers = cfg.workers > 0 ? cfg.workers : jsc.defaultParallelism();
    boolean hasValid = data.hasSplit(cfg.validSplit);
    boolean hasTest = data.hasSplit(cfg.testSplit);

    // Sparse samples are small: cache them, partitioned one per worker, and densify per batch.
    JavaRDD<SparseSample> train = data.samples(cfg.trainSplit).repartition(workers)
        .persist(StorageLevel.MEMORY_ONLY());
    long nTrain = train.count();
    JavaRDD<SparseSample> valid = hasValid
        ? data.samples(cfg.validSplit).persist(StorageLevel.MEMORY_ONLY()) : null;
    List<SparseSample> probe = (hasValid ? valid : train).take(PROBE_SAMPLES);

    MultiLayerConfiguration conf = NetworkBuilder.build(cfg.modelSpec(), batches.channels(),
        batches.classes(), cfg.seed, new Adam(cfg.learningRate));
    ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster
        .Builder(workers, cfg.batchSize)
        .batchSizePerWorker(cfg.batchSize)
        .averagingFrequency(cfg.averagingFrequency)
        .workerPrefetchNumBatches(2)
        .saveUpdater(true)
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        // batches are rebuilt from the cached sparse samples; persisting dense copies would cost
        // channels x steps floats per sample
        .storageLevel(null)
        .repartionData(Repartition.NumPartitionsWorkersDiffers)
        .rngSeed(cfg.seed)
        .build();
    SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, conf, master);
    MultiLayerNetwork net = sparkNet.getNetwork();
    LOG.info("training {} on {} ({} train samples, {} channels x {} steps, {} classes), {} workers x"
            + " batch {}, averaging every {} minibatches, {} parameters",
        cfg.modelSpec(), cfg.dataset, nTrain, batches.channels(), batches.steps(),
        batches.classes(), workers, cfg.batchSize, cfg.averagingFrequency, net.numParams());

    try (StagedOutput out = StagedOutput.begin(jsc.hadoopConfiguration(), cfg.output, cfg.overwrite)) {
      out.writeString("run.toml", OptionsToml.render("snn-spark train: the settings of this run;"
          + " repeat it with --preset run.toml", cfg));
      List<EpochStats> history = new ArrayList<>();
      INDArray bestParams = net.params().dup();
      int bestEpoch = 0;
      double bestValid = Double.NaN;
      double trainSeconds = 0;
      for (int epoch = 1; epoch <= cfg.epochs; epoch++) {
        long start = System.nanoTime();
        sparkNet.fit(shuffledBatches(train, batches, epoch));
        double seconds = (System.nanoTime() - start) / 1e9;
        trainSeconds += seconds;
        double validAcc = hasValid ? SplitEvaluator.evaluate(sparkNet, valid, batches).accuracy() : Double.NaN;
        EpochStats stats = new EpochStats(epoch, sparkNet.getScore(), validAcc,
            firingRates(net, batches.build(probe)), nTrain, seconds);
        history.add(stats);
        if (!hasValid || Double.isNaN(bestValid) || validAcc > bestValid) {
          bestValid = validAcc;
          bestEpoch = epoch;
          bestParams = net.params().dup();
        }
        double eta = trainSeconds / epoch * (cfg.epochs - epoch);
        LOG.info(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  valid acc %s  firing %s"
                + "  %.0f samples/s  %.1fs  ETA %.0fs", epoch, cfg.epochs, stats.trainLoss(),
            hasValid ? String.format(Locale.ROOT, "%.2f%%", 100 * validAcc) : "n/a",
            rates(stats.firingRates()), stats.samplesPerSecond(), seconds, eta));
      }

      net.setParams(bestParams);
      Double testAcc = null;
      long[][] confusion = null;
      if (hasTest) {
        Evaluation ev = SplitEvaluator.evaluate(sparkNet, data.samples(cfg.testSplit), batches);
        testAcc = ev.accuracy();
        confusion = SplitEvaluator.confusion(ev, batches.classes());
        LOG.info(String.format(Locale.ROOT, "test accuracy %.2f%% (%d samples, best epoch %d)",
            100 * testAcc, data.count(cfg.testSplit), bestEpoch));
      }
      ModelStore.save(net, out.fs(), out.resolve("model.zip"));
      TrainResult result = new TrainResult(out.target().toString(), history, bestEpoch, bestValid,
          testAcc, confusion);
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

  /** One epoch's minibatches: each worker's samples in a fresh, seeded order. */
  private JavaRDD<DataSet> shuffledBatches(JavaRDD<SparseSample> samples, BatchBuilder batches,
      int epoch) {
    long seed = cfg.seed;
    int batchSize = cfg.batchSize;
    return samples.mapPartitionsWithIndex((part, it) -> {
      List<SparseSample> list = new ArrayList<>();
      it.forEachRemaining(list::add);
      Collections.shuffle(list, new Random(seed * 1_000_003L + epoch * 7919L + part));
      return batches.batches(list.iterator(), batchSize);
    }, true);
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

  private static String rates(double[] r) {
    StringBuilder b = new StringBuilder();
    for (double v : r) {
      b.append(b.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return b.toString();
  }
}
