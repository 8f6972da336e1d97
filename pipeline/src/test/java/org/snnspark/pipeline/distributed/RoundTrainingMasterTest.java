package org.snnspark.pipeline.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.engine.SpikeDropout;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.spark.SparkSessions;

/**
 * The training master against DL4J's on the same minibatches, and what it keeps between rounds.
 * A small RadLIF network with batch-norm and spike dropout (each worker its own dropout stream),
 * random spike input.
 */
class RoundTrainingMasterTest {
  private static final int CHANNELS = 12;
  private static final int STEPS = 10;
  private static final int CLASSES = 3;
  private static final int BATCH = 4;
  private static final int FREQUENCY = 3;
  private static SparkSession spark;
  private static JavaSparkContext jsc;

  @BeforeAll
  static void start() {
    spark = SparkSessions.create("RoundTrainingMasterTest", "local[2]", Map.of());
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SpikeDropout.setWorkerStreamSource(() -> {
      org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
      return task == null ? 0L : task.partitionId() + 1L;
    });
  }

  @AfterAll
  static void stop() {
    SpikeDropout.setWorkerStreamSource(() -> 0L);
    spark.stop();
  }

  private static MultiLayerNetwork network() {
    ModelSpec spec = new ModelSpec().withHidden(16).withBatchNorm(true);
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, CHANNELS, CLASSES, 11, new Adam(0.01)));
    net.init();
    return net;
  }

  /** {@code workers} partitions of {@code FREQUENCY} random minibatches each, cached. */
  private static JavaRDD<DataSet> minibatches(int workers, long seed) {
    List<Long> seeds = new ArrayList<>();
    for (int i = 0; i < workers * FREQUENCY; i++) {
      seeds.add(seed + i);
    }
    return jsc.parallelize(seeds, workers).map(RoundTrainingMasterTest::batch)
        .persist(StorageLevel.MEMORY_ONLY());
  }

  private static DataSet batch(long seed) {
    Random r = new Random(seed);
    float[] x = new float[BATCH * CHANNELS * STEPS];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() < 0.2 ? 1f : 0f;
    }
    float[] y = new float[BATCH * CLASSES];
    for (int b = 0; b < BATCH; b++) {
      y[b * CLASSES + r.nextInt(CLASSES)] = 1f;
    }
    return new DataSet(Nd4j.create(x, new long[] {BATCH, CHANNELS, STEPS}, 'c'),
        Nd4j.create(y, new long[] {BATCH, CLASSES}, 'c'));
  }

  private static MultiLayerNetwork train(TrainingMaster<?, ?> master, JavaRDD<DataSet> data, int rounds) {
    MultiLayerNetwork net = network();
    SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(jsc, net, master);
    for (int i = 0; i < rounds; i++) {
      spark.fit(data);
    }
    return net;
  }

  private static RoundTrainingMaster plain(int fanIn) {
    return new RoundTrainingMaster(FREQUENCY, fanIn, OuterOptimizer.plain());
  }

  @Test
  void plainAveragingComputesWhatDl4jsParameterAveragingDoes() {
    JavaRDD<DataSet> data = minibatches(2, 100);
    ParameterAveragingTrainingMaster dl4j = new ParameterAveragingTrainingMaster.Builder(2, BATCH)
        .batchSizePerWorker(BATCH).averagingFrequency(FREQUENCY).saveUpdater(true)
        .rddTrainingApproach(RDDTrainingApproach.Direct).storageLevel(null)
        .repartionData(Repartition.Never).rngSeed(1).build();
    MultiLayerNetwork expected = train(dl4j, data, 3);
    RoundTrainingMaster ours = plain(8);
    MultiLayerNetwork actual = train(ours, data, 3);
    ours.close();

    assertArrayEquals(expected.params().toFloatVector(), actual.params().toFloatVector(), "parameters");
    assertArrayEquals(expected.getUpdater().getStateViewArray().toFloatVector(),
        actual.getUpdater().getStateViewArray().toFloatVector(), "Adam's moments");
    assertEquals(expected.getLayerWiseConfigurations().getIterationCount(),
        actual.getLayerWiseConfigurations().getIterationCount());
    assertNotEquals(0, network().params().sub(actual.params()).norm2Number().doubleValue(), "it trained");
  }

  @Test
  void workerNetworksLiveAcrossRounds() {
    JavaRDD<DataSet> data = minibatches(2, 200);
    RoundTrainingMaster master = plain(8);
    SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(jsc, network(), master);
    spark.fit(data);
    assertEquals(2, master.lastRound().networksBuilt(), "the first round builds both workers' networks");
    for (int round = 2; round <= 3; round++) {
      spark.fit(data);
      assertEquals(0, master.lastRound().networksBuilt(), "round " + round + " reuses them");
      assertEquals(2, master.lastRound().workers());
      assertEquals(2L * FREQUENCY * BATCH, master.lastRound().samples());
    }
    master.close();
  }

  @Test
  void aTreeOfPartialSumsGivesTheSameResultOnEveryRun() {
    JavaRDD<DataSet> data = minibatches(5, 300);
    float[] first = train(plain(2), data, 2).params().toFloatVector();
    float[] again = train(plain(2), data, 2).params().toFloatVector();
    float[] direct = train(plain(8), data, 2).params().toFloatVector();
    assertArrayEquals(first, again, "the tree sums in worker order, whichever task ends first");
    assertArrayEquals(first, direct, 1e-6f, "through a tree or straight to the driver");
  }

  @Test
  void nesterovExtrapolatesTrainedParametersAndLetsStatisticsDecayPerMinibatch() {
    MultiLayerNetwork net = network();
    ParamRoles roles = ParamRoles.of(net);
    assertEquals(2 * 16 + 2 * CLASSES, roles.statisticCount(),
        "batch-norm running mean and variance of the spiking layer and the readout");

    int n = (int) roles.length();
    float[] start = new float[n];
    double[] mean = new double[n];
    for (int j = 0; j < n; j++) {
      start[j] = 1f;
      mean[j] = 2.0;
    }
    OuterOptimizer outer = new OuterOptimizer(Averaging.NESTEROV, 1.0, 0.5, StatisticsDecay.PER_MINIBATCH);
    float[] x = start.clone();
    outer.step(x, mean, roles, 4, 2);
    boolean[] statistic = new boolean[n];
    roles.forEachRange((from, to) -> { }, (from, to) -> {
      for (int j = from; j < to; j++) {
        statistic[j] = true;
      }
    });
    // 4 workers of 2 steps each: a running average decays over 8 minibatches, not 2
    double gain = StatisticsDecay.PER_MINIBATCH.gain(0.05, 4, 2);
    assertEquals((1 - Math.pow(0.95, 8)) / (1 - Math.pow(0.95, 2)), gain, 1e-12);
    assertEquals(1, StatisticsDecay.PER_ROUND.gain(0.05, 4, 2));
    for (int j = 0; j < n; j++) {
      // d = 1, u = 1: x + 1 * (d + 0.5 u) = 2.5; statistics move by the gain, not by momentum
      assertEquals(statistic[j] ? (float) (1 + gain) : 2.5f, x[j], "entry " + j);
    }
    // a second round with no change still moves trained entries by the momentum: u = 0.5, step 0.25
    double[] same = new double[n];
    for (int j = 0; j < n; j++) {
      same[j] = x[j];
    }
    outer.step(x, same, roles, 4, 2);
    for (int j = 0; j < n; j++) {
      assertEquals(statistic[j] ? (float) (1 + gain) : 2.75f, x[j], "entry " + j);
    }
    assertTrue(outer.velocity() != null && outer.velocity().length == n);
  }
}
