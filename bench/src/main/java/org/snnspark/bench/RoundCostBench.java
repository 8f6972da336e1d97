package org.snnspark.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.pipeline.distributed.OuterOptimizer;
import org.snnspark.pipeline.distributed.RoundCostModel;
import org.snnspark.pipeline.distributed.RoundTrainingMaster;

/**
 * What an averaging round costs apart from training: rounds of a network whose compute is tiny
 * (one RadLIF layer on {@value #INPUTS} inputs, one sample of {@value #STEPS} steps per worker),
 * whose hidden size sets the parameter count and so the bytes every round broadcasts and gathers.
 * Together with one network's measured training speed this fixes {@link RoundCostModel}'s
 * constants for the machine (or cluster) the bench runs on.
 */
final class RoundCostBench implements AutoCloseable {
  static final int INPUTS = 16;
  static final int STEPS = 4;
  static final int CLASSES = 4;

  private final JavaRDD<DataSet> rdd;
  private final SparkDl4jMultiLayer spark;
  private final RoundTrainingMaster master;
  private final long parameters;
  private final RoundPhases phases = new RoundPhases();

  RoundCostBench(JavaSparkContext jsc, int hidden, int workers, long seed) {
    ModelSpec spec = new ModelSpec().withHidden(new int[] {hidden}).withBatchNorm(false);
    spec.setNeuron(LifModel.RADLIF);
    MultiLayerNetwork net = new MultiLayerNetwork(NetworkBuilder.build(spec, INPUTS, CLASSES, seed, new Adam(1e-3)));
    net.init();
    parameters = net.numParams();
    List<Long> seeds = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      seeds.add(seed + i);
    }
    rdd = jsc.parallelize(seeds, workers).map(s -> SpikeInputs.batch(1, INPUTS, STEPS, CLASSES, s))
        .persist(StorageLevel.MEMORY_ONLY());
    rdd.count();
    master = new RoundTrainingMaster(1, 8, OuterOptimizer.plain());
    spark = new SparkDl4jMultiLayer(jsc, net, master);
  }

  long parameters() {
    return parameters;
  }

  long stateBytes() {
    return RoundCostModel.adamStateBytes(parameters);
  }

  double round() {
    spark.fit(rdd);
    phases.add(master.lastRound().times());
    return spark.getScore();
  }

  RoundPhases phases() {
    return phases;
  }

  @Override
  public void close() {
    master.close();
    rdd.unpersist(false);
  }
}
