package org.snnspark.pipeline.distributed;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.core.loader.MultiDataSetLoader;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.api.TrainingResult;
import org.deeplearning4j.spark.api.TrainingWorker;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.snnspark.pipeline.spark.WorkerCount;

/**
 * A DL4J-Spark training master whose every {@code fit} is one averaging round in one Spark job.
 * <p>
 * The RDD handed to {@link SparkDl4jMultiLayer#fit(JavaRDD)} holds the round's minibatches, one
 * partition per worker, in the order each worker fits them (the caller decides the data order;
 * nothing here counts, splits or repartitions it). The round:
 * <ol>
 *   <li>broadcasts the network's parameters and updater state as one flat float32 buffer, with
 *       the iteration and epoch counters and the workers' learning rate;</li>
 *   <li>each worker's task loads them into the network it kept from the previous round in its
 *       executor ({@link WorkerNetworks}; the configuration is broadcast once per master), fits
 *       its minibatches, and returns its new state;</li>
 *   <li>the states are summed in worker order, directly or through a tree ({@link TreeSum});</li>
 *   <li>the driver averages the updater state and applies the {@link OuterOptimizer} to the
 *       parameters.</li>
 * </ol>
 * With {@link Averaging#PLAIN} this is what DL4J's {@code ParameterAveragingTrainingMaster}
 * computes on the same minibatches (saveUpdater on; the iteration counter advances by the
 * averaging frequency per round).
 */
public final class RoundTrainingMaster
    implements TrainingMaster<RoundTrainingMaster.Result, TrainingWorker<RoundTrainingMaster.Result>> {
  private final int averagingFrequency;
  private final int fanIn;
  private final OuterOptimizer outer;
  private final String runId = UUID.randomUUID().toString();
  private final List<TrainingHook> hooks = new ArrayList<>();
  private Collection<TrainingListener> listeners;
  private Broadcast<String> configuration;
  private ParamRoles roles;
  private double learningRateFactor = 1;
  private RoundStats last;

  /**
   * @param averagingFrequency minibatches per worker per round (advances the iteration counter)
   * @param fanIn most results one node sums: more workers are summed through a tree
   */
  public RoundTrainingMaster(int averagingFrequency, int fanIn, OuterOptimizer outer) {
    if (averagingFrequency < 1 || fanIn < 2) {
      throw new IllegalArgumentException("averaging frequency " + averagingFrequency + " and fan-in "
          + fanIn + ": need >= 1 and >= 2");
    }
    this.averagingFrequency = averagingFrequency;
    this.fanIn = fanIn;
    this.outer = outer;
  }

  /** The workers train at the network's learning rate times this (scaling with workers, warm-up). */
  public void setLearningRateFactor(double factor) {
    this.learningRateFactor = factor;
  }

  public OuterOptimizer outer() {
    return outer;
  }

  /** What the last round did; null before the first. */
  public RoundStats lastRound() {
    return last;
  }

  @Override
  public void executeTraining(SparkDl4jMultiLayer sparkNet, JavaRDD<DataSet> roundData) {
    MultiLayerNetwork net = sparkNet.getNetwork();
    JavaSparkContext jsc = sparkNet.getSparkContext();
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    if (configuration == null) {
      configuration = jsc.broadcast(conf.toJson());
      roles = ParamRoles.of(net);
    }
    long t0 = System.nanoTime();
    float[] state = FlatState.read(net);
    double rate = net.getLearningRate(0) * learningRateFactor;
    Broadcast<RoundStart> start = jsc.broadcast(new RoundStart(runId, state, conf.getIterationCount(),
        conf.getEpochCount(), rate, WorkerCount.threadsPerWorker(jsc, roundData.getNumPartitions())));
    long jobStart = System.nanoTime();
    RoundSum sum;
    try {
      sum = TreeSum.sum(roundData.mapPartitionsWithIndex(
          new WorkerRound(configuration, start, hooks.isEmpty() ? null : List.copyOf(hooks), listeners),
          true), fanIn);
    } finally {
      start.destroy(false);
    }
    long jobEnd = System.nanoTime();
    double[] mean = sum.mean();
    if (mean != null) {
      outer.step(state, mean, roles, sum.workers(), (int) Math.round(sum.minibatches() / (double) sum.workers()));
      for (int j = (int) roles.length(); j < state.length; j++) {
        state[j] = (float) mean[j];
      }
      FlatState.write(net, state);
      conf.setIterationCount(conf.getIterationCount() + averagingFrequency);
      sparkNet.setScore(sum.meanScore());
    }
    last = new RoundStats(sum.workers(), sum.minibatches(), sum.samples(), sum.meanScore(),
        sum.networksBuilt(), new RoundTimes(jobStart - t0, jobEnd - jobStart, System.nanoTime() - jobEnd,
            sum.slowestLoadNanos(), sum.slowestFitNanos()));
  }

  /**
   * One round's figures.
   *
   * @param workers workers that had data
   * @param networksBuilt worker networks built because no executor held one
   * @param times where the round's time went
   */
  public record RoundStats(int workers, long minibatches, long samples, double meanScore, long networksBuilt,
      RoundTimes times) {}

  /** Unused: rounds return {@link WorkerResult}s, not DL4J results; the type only completes the interface. */
  public static final class Result implements TrainingResult {
    @Override
    public void setStats(SparkTrainingStats sparkTrainingStats) {
      throw new UnsupportedOperationException("RoundTrainingMaster collects no DL4J training stats");
    }
  }

  // ---- the rest of DL4J's TrainingMaster ----

  @Override
  public void addHook(TrainingHook hook) {
    hooks.add(hook);
  }

  @Override
  public void removeHook(TrainingHook hook) {
    hooks.remove(hook);
  }

  @Override
  public String toJson() {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(settings());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toYaml() {
    try {
      return new ObjectMapper(new YAMLFactory()).writeValueAsString(settings());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("averagingFrequency", averagingFrequency);
    m.put("fanIn", fanIn);
    m.put("averaging", outer.rule().name());
    m.put("learningRateFactor", learningRateFactor);
    return m;
  }

  @Override
  public TrainingWorker<Result> getWorkerInstance(SparkDl4jMultiLayer network) {
    throw new UnsupportedOperationException("RoundTrainingMaster runs its own worker tasks"
        + " (executeTraining); it hands out no DL4J TrainingWorker");
  }

  @Override
  public TrainingWorker<Result> getWorkerInstance(SparkComputationGraph graph) {
    throw graphUnsupported();
  }

  @Override
  public void executeTrainingPaths(SparkDl4jMultiLayer network, SparkComputationGraph graph,
      JavaRDD<String> trainingDataPaths, DataSetLoader dsLoader, MultiDataSetLoader mdsLoader) {
    throw new UnsupportedOperationException("RoundTrainingMaster trains on an RDD of minibatches"
        + " (fit(JavaRDD<DataSet>)), not on paths");
  }

  @Override
  public void executeTraining(SparkComputationGraph graph, JavaRDD<DataSet> trainingData) {
    throw graphUnsupported();
  }

  @Override
  public void executeTrainingMDS(SparkComputationGraph graph, JavaRDD<MultiDataSet> trainingData) {
    throw graphUnsupported();
  }

  private static UnsupportedOperationException graphUnsupported() {
    return new UnsupportedOperationException("RoundTrainingMaster trains MultiLayerNetworks only");
  }

  @Override
  public void setCollectTrainingStats(boolean collect) {
    if (collect) {
      throw new UnsupportedOperationException("RoundTrainingMaster reports rounds through lastRound(),"
          + " not DL4J training stats");
    }
  }

  @Override
  public boolean getIsCollectTrainingStats() {
    return false;
  }

  @Override
  public SparkTrainingStats getTrainingStats() {
    return null;
  }

  @Override
  public void setListeners(Collection<TrainingListener> listeners) {
    this.listeners = listeners == null ? null : new ArrayList<>(listeners);
  }

  @Override
  public void setListeners(StatsStorageRouter router, Collection<TrainingListener> listeners) {
    if (router != null) {
      throw new UnsupportedOperationException("RoundTrainingMaster routes no listener stats to a StatsStorageRouter");
    }
    setListeners(listeners);
  }

  @Override
  public boolean deleteTempFiles(JavaSparkContext sc) {
    return true; // writes none
  }

  @Override
  public boolean deleteTempFiles(SparkContext sc) {
    return true;
  }

  /**
   * Releases the configuration broadcast and the worker networks this JVM keeps (executors
   * elsewhere drop theirs when the next run starts); the master trains no more after this.
   */
  public void close() {
    WorkerNetworks.release(runId);
    if (configuration != null) {
      configuration.destroy(false);
      configuration = null;
    }
  }
}
