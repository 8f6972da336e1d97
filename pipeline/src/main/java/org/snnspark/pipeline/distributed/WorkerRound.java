package org.snnspark.pipeline.distributed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.engine.Parallel;

/**
 * One worker's part of a round, run as the Spark task of its partition: load the broadcast
 * state into the worker's network, fit the partition's minibatches in order, return the new state.
 */
final class WorkerRound implements Function2<Integer, Iterator<DataSet>, Iterator<WorkerResult>> {
  private final Broadcast<String> configuration;
  private final Broadcast<RoundStart> start;
  private final Collection<TrainingHook> hooks;
  private final Collection<TrainingListener> listeners;

  WorkerRound(Broadcast<String> configuration, Broadcast<RoundStart> start,
      Collection<TrainingHook> hooks, Collection<TrainingListener> listeners) {
    this.configuration = configuration;
    this.start = start;
    this.hooks = hooks;
    this.listeners = listeners;
  }

  @Override
  public Iterator<WorkerResult> call(Integer worker, Iterator<DataSet> batches) {
    if (!batches.hasNext()) {
      return List.of(WorkerResult.idle(worker)).iterator();
    }
    long t0 = System.nanoTime();
    RoundStart s = start.value();
    enterSharedCores(s.threadsPerWorker());
    try {
      return List.of(train(worker, batches, s, t0)).iterator();
    } finally {
      leaveSharedCores();
    }
  }

  /** ND4J's GEMM threads before the first running worker limited them. */
  private static int blasThreads;
  /** Workers running in this JVM now. */
  private static int running;

  /**
   * Workers that share a JVM's cores take their share of them: the kernels of this task's thread,
   * and ND4J's GEMM threads. The GEMM setting is one per JVM: the first worker to start sets it and
   * the last to finish restores it, so that it never changes under a running worker (OpenBLAS sums
   * a product differently with another thread count, and a worker's result would then depend on
   * when its neighbours finished).
   */
  private static synchronized void enterSharedCores(int threads) {
    Parallel.limitCurrentThread(threads);
    if (running++ == 0 && threads > 0) {
      blasThreads = Nd4j.factory().blas().getMaxThreads();
      Nd4j.factory().blas().setMaxThreads(threads);
    }
  }

  private static synchronized void leaveSharedCores() {
    Parallel.limitCurrentThread(0);
    if (--running == 0 && blasThreads > 0) {
      Nd4j.factory().blas().setMaxThreads(blasThreads);
      blasThreads = 0;
    }
  }

  private WorkerResult train(int worker, Iterator<DataSet> batches, RoundStart s, long t0) {
    WorkerNetworks.Taken taken = WorkerNetworks.take(s.runId(), worker, configuration.value(), s.state());
    MultiLayerNetwork net = taken.net();
    prepare(net, s);
    long loaded = System.nanoTime();
    double scoreSum = 0;
    long minibatches = 0;
    long samples = 0;
    while (batches.hasNext()) {
      DataSet batch = batches.next();
      if (hooks != null) {
        hooks.forEach(h -> h.preUpdate(batch, net));
      }
      net.fit(batch);
      if (hooks != null) {
        hooks.forEach(h -> h.postUpdate(batch, net));
      }
      scoreSum += net.score();
      minibatches++;
      samples += batch.numExamples();
    }
    float[] state = FlatState.read(net);
    WorkerResult result = new WorkerResult(worker, state, scoreSum, minibatches, samples,
        taken.built(), loaded - t0, System.nanoTime() - loaded);
    WorkerNetworks.giveBack(s.runId(), worker, net);
    return result;
  }

  private void prepare(MultiLayerNetwork net, RoundStart s) {
    // the rate first: changing it may rebuild the updater, the state is loaded after
    Double rate = net.getLearningRate(0);
    if (rate == null || rate != s.learningRate()) {
      net.setLearningRate(s.learningRate());
    }
    net.getLayerWiseConfigurations().setIterationCount(s.iteration());
    net.getLayerWiseConfigurations().setEpochCount(s.epoch());
    FlatState.write(net, s.state());
    net.setListeners(listeners == null ? List.of() : new ArrayList<>(listeners));
  }
}
