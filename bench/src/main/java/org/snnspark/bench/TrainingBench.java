package org.snnspark.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.dl4j.SpikingLayer;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.neuron.seadlif.SeAdlifModel;
import org.snnspark.models.spec.Flops;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.distributed.OuterOptimizer;
import org.snnspark.pipeline.distributed.RoundTrainingMaster;

/**
 * The full training step of sparch's RadLIF network as {@code train} builds it by default
 * (700 -> 2 x 128 RadLIF with batch-norm and spike dropout 0.1 -> leaky readout, sum of softmax,
 * 20 classes; 100 steps; Adam, learning rate 1e-2): forward, backward and the Adam update of one
 * minibatch, on a {@link MultiLayerNetwork} and through {@link SparkDl4jMultiLayer} with
 * this project's {@link RoundTrainingMaster} (as training uses it) and with DL4J's
 * {@link ParameterAveragingTrainingMaster} for comparison.
 */
final class TrainingBench {
  static final int INPUTS = 700;
  static final int[] HIDDEN = {128, 128};
  static final int STEPS = 100;
  static final int CLASSES = 20;
  static final double LEARNING_RATE = 1e-2;

  private TrainingBench() {}

  static ModelSpec spec() {
    return new ModelSpec().withHidden(HIDDEN).withBatchNorm(true);
  }

  static MultiLayerConfiguration configuration(ModelSpec spec, long seed) {
    return NetworkBuilder.build(spec, INPUTS, CLASSES, seed, new Adam(LEARNING_RATE));
  }

  /** Dense useful FLOPs of one training step (Adam and element-wise work not counted). */
  static double flops(int batch) {
    return StepNetwork.RADLIF.flops(batch);
  }

  /**
   * A network whose training step the bench times: {@code train}'s default, whose speed the Spark
   * and scaling figures are measured against, and the newer models on the same shape.
   */
  enum StepNetwork {
    RADLIF("RADLIF", spec()),
    /** SE-adLIF, recurrent (Baronig et al. 2025). */
    RSE_ADLIF("RSE_ADLIF", spec().withNeuron(SeAdlifModel.RSE_ADLIF)),
    /** LIF with learnable synaptic delays of up to 24 steps in every layer (SNN-delays' range). */
    LIF_DELAYS("LIF-d24", spec().withNeuron(LifModel.LIF).withDelays(24, 1));

    final String label;
    final ModelSpec spec;

    StepNetwork(String label, ModelSpec spec) {
      this.label = label;
      this.spec = spec;
    }

    /**
     * Dense useful FLOPs of one training step (Adam and element-wise work not counted); NaN with
     * delays, whose products have no dense count that compares (one product per delay tap).
     */
    double flops(int batch) {
      return spec.getMaxDelay() > 0 ? Double.NaN
          : Flops.network(batch, STEPS, INPUTS, HIDDEN, spec.getNeuron().isRecurrent(), CLASSES);
    }
  }

  /** A network fitting one fixed minibatch per call. */
  static final class Local {
    private final MultiLayerNetwork net;
    private final DataSet data;

    Local(StepNetwork network, int batch, long seed) {
      net = new MultiLayerNetwork(configuration(network.spec, seed));
      net.init();
      data = SpikeInputs.batch(batch, INPUTS, STEPS, CLASSES, seed + 1);
    }

    /** One training step; returns the score. */
    double step() {
      net.fit(data);
      return net.score();
    }

    /** Firing rates of the spiking layers in the last forward pass. */
    double[] firingRates() {
      double[] r = new double[HIDDEN.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = net.getLayer(i) instanceof SpikingLayer s ? s.lastFiringRate() : Double.NaN;
      }
      return r;
    }
  }

  /** Which training master a {@link Distributed} bench drives. */
  enum Master {
    /** This project's: one Spark job per round, worker networks kept in their executors. */
    ROUNDS,
    /** DL4J's ParameterAveragingTrainingMaster, set up as this project trained with it before. */
    DL4J
  }

  /**
   * One averaging round per call: each of {@code workers} Spark tasks fits
   * {@code averagingFrequency} minibatches from the broadcast parameters, then the driver averages.
   */
  static final class Distributed implements AutoCloseable {
    private final JavaRDD<DataSet> rdd;
    private final int workers;
    private final int batch;
    private final int averagingFrequency;
    private final SparkDl4jMultiLayer spark;
    private final RoundTrainingMaster rounds;
    private final RoundPhases phases = new RoundPhases();

    Distributed(JavaSparkContext jsc, Master master, int workers, int batch, int averagingFrequency, long seed) {
      this.workers = workers;
      this.batch = batch;
      this.averagingFrequency = averagingFrequency;
      MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec(), seed));
      net.init();
      // the batches are made where they are used, as training makes them from its samples: a
      // parallelized list of batches would travel with every task of every round (Spark ships a
      // ParallelCollectionRDD's data in its partitions), and Java-serialising them would be timed
      List<Long> seeds = new ArrayList<>();
      for (int i = 0; i < workers * averagingFrequency; i++) {
        seeds.add(seed + 1 + i);
      }
      int b = batch;
      rdd = jsc.parallelize(seeds, workers)
          .map(s -> SpikeInputs.batch(b, INPUTS, STEPS, CLASSES, s))
          .persist(StorageLevel.MEMORY_ONLY());
      rdd.count();
      rounds = master == Master.ROUNDS
          ? new RoundTrainingMaster(averagingFrequency, 8, OuterOptimizer.plain()) : null;
      spark = new SparkDl4jMultiLayer(jsc, net, rounds != null ? rounds
          : dl4jMaster(workers, batch, averagingFrequency, seed));
    }

    /** Samples trained per round. */
    int samplesPerRound() {
      return workers * averagingFrequency * batch;
    }

    /** One averaging round; returns the averaged score. */
    double round() {
      spark.fit(rdd);
      if (rounds != null) {
        phases.add(rounds.lastRound().times());
      }
      return spark.getScore();
    }

    /** Where this master's rounds spent their time (nothing for DL4J's master). */
    RoundPhases phases() {
      return phases;
    }

    @Override
    public void close() {
      if (rounds != null) {
        rounds.close();
      }
      rdd.unpersist(false);
    }
  }

  /**
   * DL4J's parameter averaging as this project used it: the caller persists each round's
   * minibatches, one partition per worker, and DL4J neither caches nor reshuffles them.
   */
  static ParameterAveragingTrainingMaster dl4jMaster(int workers, int batchSize, int averagingFrequency,
      long seed) {
    return new ParameterAveragingTrainingMaster.Builder(workers, batchSize)
        .batchSizePerWorker(batchSize)
        .averagingFrequency(averagingFrequency)
        .workerPrefetchNumBatches(2)
        .saveUpdater(true)
        .rddTrainingApproach(RDDTrainingApproach.Direct)
        .storageLevel(null)
        .repartionData(Repartition.Never)
        .rngSeed(seed)
        .build();
  }
}
