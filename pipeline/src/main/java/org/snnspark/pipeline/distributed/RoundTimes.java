package org.snnspark.pipeline.distributed;

/**
 * Where one averaging round's time went, in nanoseconds. The job's time less the slowest worker's
 * load and fit is what Spark itself cost: scheduling and shipping the tasks and bringing the
 * results back (the returned states' serialisation and transfer included).
 *
 * @param driverPrepare reading the network's state and broadcasting it
 * @param job the Spark job, from submission to the last result on the driver
 * @param driverCombine averaging the workers' states and loading the result into the network
 * @param slowestLoad the longest any worker took to fetch the broadcast start state and load it
 * @param slowestFit the longest any worker took to fit its minibatches and read its new state
 */
public record RoundTimes(long driverPrepare, long job, long driverCombine, long slowestLoad, long slowestFit) {

  /** The job's time that no worker spent loading or fitting: Spark's scheduling and transfers. */
  public long sparkOverhead() {
    return Math.max(0, job - slowestLoad - slowestFit);
  }
}
