package org.snnspark.pipeline.distributed;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The worker networks an executor JVM keeps between averaging rounds, one per (run, worker). A
 * round loads the broadcast state into the network its worker trained last round instead of
 * parsing the configuration and building a network again. A worker's task takes its network out
 * while it trains and puts it back after, so two attempts of one worker (a speculative copy, a
 * retry while the first still runs) never share one; a task that finds none builds one.
 *
 * <p>An executor may train several runs at once (a sweep's trials), so networks are kept per run,
 * for the {@value #MAX_RUNS} runs that used this JVM last: executors are never told that a run has
 * ended (only the driver's JVM is, through {@link #release}), and an older run's networks are
 * dropped when a further run arrives.
 */
final class WorkerNetworks {
  /** Runs whose networks a JVM keeps at most. */
  static final int MAX_RUNS = 4;

  private static final Map<String, Map<Integer, MultiLayerNetwork>> IDLE =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<Integer, MultiLayerNetwork>> eldest) {
          return size() > MAX_RUNS;
        }
      };

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
      MultiLayerNetwork net = IDLE.computeIfAbsent(runId, r -> new HashMap<>()).remove(worker);
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
      Map<Integer, MultiLayerNetwork> run = IDLE.get(runId);
      if (run != null) {
        run.put(worker, net);
      }
    }
  }

  /** Drops this JVM's networks of run {@code runId} (the driver's, in local mode its executor's). */
  static void release(String runId) {
    synchronized (IDLE) {
      IDLE.remove(runId);
    }
  }

  /** Networks kept for run {@code runId}, idle now. */
  static int idle(String runId) {
    synchronized (IDLE) {
      Map<Integer, MultiLayerNetwork> run = IDLE.get(runId);
      return run == null ? 0 : run.size();
    }
  }
}
