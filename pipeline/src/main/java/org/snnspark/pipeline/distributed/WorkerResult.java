package org.snnspark.pipeline.distributed;

import java.io.Serializable;

/**
 * What one worker sends back from a round.
 *
 * @param worker the worker (partition) index
 * @param state its flat state after the round ({@link FlatState}); null when it had no data
 * @param scoreSum the sum of its minibatches' scores
 * @param minibatches minibatches fitted
 * @param samples samples fitted
 * @param networkBuilt whether its network had to be built (not found in the executor)
 * @param loadNanos from the task's start to its first minibatch: the broadcast start state fetched
 *     and loaded into the network (built first when {@code networkBuilt})
 * @param fitNanos fitting the minibatches and reading the new state
 */
record WorkerResult(int worker, float[] state, double scoreSum, long minibatches, long samples,
    boolean networkBuilt, long loadNanos, long fitNanos) implements Serializable {

  static WorkerResult idle(int worker) {
    return new WorkerResult(worker, null, 0, 0, 0, false, 0, 0);
  }
}
