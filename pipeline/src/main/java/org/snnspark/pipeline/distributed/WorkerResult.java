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
 */
record WorkerResult(int worker, float[] state, double scoreSum, long minibatches, long samples,
    boolean networkBuilt) implements Serializable {

  static WorkerResult idle(int worker) {
    return new WorkerResult(worker, null, 0, 0, 0, false);
  }
}
