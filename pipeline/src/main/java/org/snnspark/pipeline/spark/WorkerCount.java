package org.snnspark.pipeline.spark;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * How many data-parallel workers a training run uses when {@code --workers} does not say: one
 * per executor, each using its executor's cores for its kernels. Local mode has one executor
 * (the driver JVM), so one worker with all cores: more workers there only split the same cores
 * and cost statistical efficiency (each averaged step sees N minibatches, an epoch N times fewer
 * steps).
 */
public final class WorkerCount {
  private WorkerCount() {}

  public static int resolve(JavaSparkContext jsc, int requested) {
    if (requested > 0) {
      return requested;
    }
    if (isLocal(jsc)) {
      return 1;
    }
    int instances = jsc.getConf().getInt("spark.executor.instances", 0);
    if (instances > 0) {
      return instances;
    }
    // the executors registered so far (the driver is not among them)
    int registered = (int) jsc.sc().getExecutorIds().size();
    if (registered > 0) {
      return registered;
    }
    int cores = jsc.getConf().getInt("spark.executor.cores", 1);
    return Math.max(1, jsc.defaultParallelism() / cores);
  }

  /**
   * Threads each of {@code workers} concurrent workers may use for its kernels and GEMMs so that
   * together they use the cores once: in local mode the JVM's cores split among the workers that
   * run at once; on a cluster a task's cores ({@code spark.task.cpus}) when the executors' cores
   * are set or tasks take several; otherwise 0, no limit (the JVM's processors).
   */
  public static int threadsPerWorker(JavaSparkContext jsc, int workers) {
    if (isLocal(jsc)) {
      int cores = jsc.defaultParallelism();
      return Math.max(1, cores / Math.max(1, Math.min(workers, cores)));
    }
    int taskCpus = jsc.getConf().getInt("spark.task.cpus", 1);
    return taskCpus > 1 || jsc.getConf().contains("spark.executor.cores") ? taskCpus : 0;
  }

  /** Local mode: one JVM is driver and only executor ({@code local-cluster[...]} has executor JVMs). */
  private static boolean isLocal(JavaSparkContext jsc) {
    String master = jsc.master();
    return master.equals("local") || master.startsWith("local[");
  }
}
