package org.snnspark.pipeline.distributed;

import java.io.Serializable;

/**
 * What every worker starts a round from, broadcast once per round.
 *
 * @param runId identifies the training run whose worker networks an executor keeps
 * @param state parameters and updater state ({@link FlatState})
 * @param iteration the network's iteration counter (Adam's bias correction, dropout streams)
 * @param epoch the network's epoch counter
 * @param learningRate the workers' inner learning rate this round
 * @param threadsPerWorker threads a worker's kernels and GEMMs may use (0: no limit)
 */
record RoundStart(String runId, float[] state, int iteration, int epoch, double learningRate, int threadsPerWorker)
    implements Serializable {}
