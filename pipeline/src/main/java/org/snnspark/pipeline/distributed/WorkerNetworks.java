package org.snnspark.pipeline.distributed;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The worker networks an executor JVM keeps between averaging rounds, one per (run, worker). A
 * round loads the broadcast state into the network its worker trained last round instead of
 * parsing the configuration and building a network again. A worker's task takes its network out
 * while it trains and puts it back after, so two attempts of one worker (a speculative copy, a
 * retry while the first still runs) never share one; a task that finds none builds one. Networks
 * of an earlier run are dropped when a new run first asks: an executor trains one run at a time.
 */
final class WorkerNetworks {
  private static final Map<Integer, MultiLayerNetwork> IDLE = new HashMap<>();
  private static String run;

  private WorkerNetworks() {}

  /** A worker's network, and whether it had to be built. */
  record Taken(MultiLayerNetwork net, boolean built) {}

  /**
   * Worker {@code worker}'s network of run {@code runId}; if absent, built from {@code confJson}
   * with its parameters taken from the front of {@code state} (no initialisation: an orthogonal
   * initialisation of a 1024-neuron recurrent layer alone takes minutes).
   */
  static Taken take(String runId, int worker, String confJson, float[] state) {
    synchronized (IDLE) {
      if (!runId.equals(run)) {
        IDLE.clear();
        run = runId;
      }
      MultiLayerNetwork net = IDLE.remove(worker);
      if (net != null) {
        return new Taken(net, false);
      }
    }
    MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(confJson);
    long parameters = FlatState.parameterCount(conf);
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init(Nd4j.createFromArray(Arrays.copyOf(state, Math.toIntExact(parameters))).reshape(1, parameters), false);
    return new Taken(net, true);
  }

  /** Returns a network after its round, for the worker's next round in this JVM. */
  static void giveBack(String runId, int worker, MultiLayerNetwork net) {
    synchronized (IDLE) {
      if (runId.equals(run)) {
        IDLE.put(worker, net);
      }
    }
  }

  /** Drops this JVM's networks of run {@code runId} (the driver's, in local mode its executor's). */
  static void release(String runId) {
    synchronized (IDLE) {
      if (runId.equals(run)) {
        IDLE.clear();
        run = null;
      }
    }
  }
}
