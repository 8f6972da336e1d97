package org.snnspark.pipeline.distributed;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

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
  private static long built;

  private WorkerNetworks() {}

  /** Worker {@code worker}'s network of run {@code runId}, built from {@code confJson} if absent. */
  static MultiLayerNetwork take(String runId, int worker, String confJson) {
    synchronized (IDLE) {
      if (!runId.equals(run)) {
        IDLE.clear();
        run = runId;
      }
      MultiLayerNetwork net = IDLE.remove(worker);
      if (net != null) {
        return net;
      }
      built++;
    }
    MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(confJson));
    net.init();
    return net;
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

  /** Networks built in this JVM so far (each cache miss builds one). */
  static long built() {
    synchronized (IDLE) {
      return built;
    }
  }
}
