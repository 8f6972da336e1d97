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
    limitThreads(s.threadsPerWorker());
    try {
      return List.of(train(worker, batches, s, t0)).iterator();
    } finally {
      limitThreads(0);
    }
  }

  /** ND4J's GEMM threads before any worker limited them. */
  private static volatile int blasThreads;

  /**
   * Workers that share a JVM's cores take their share of them: the kernels of this task's thread,
   * and ND4J's GEMM threads (one setting per JVM, the same for all its workers; restored after, for
   * whatever else the JVM runs).
   */
  private static synchronized void limitThreads(int threads) {
    Parallel.limitCurrentThread(threads);
    if (blasThreads == 0) {
      blasThreads = Nd4j.factory().blas().getMaxThreads();
    }
    int want = threads > 0 ? threads : blasThreads;
    if (Nd4j.factory().blas().getMaxThreads() != want) {
      Nd4j.factory().blas().setMaxThreads(want);
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
