package org.snnspark.pipeline.distributed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Which entries of a network's flat parameter vector are statistics rather than trained weights:
 * those whose updater is NoOp (the batch-norm running mean and variance of the layers here, which
 * carry their own update as a "gradient"). An outer optimizer averages them but never applies
 * momentum to them: extrapolating a running variance can make it negative.
 */
final class ParamRoles {
  /** Half-open [from, to) ranges of statistics in the flat parameter vector, ascending. */
  private final long[] statistics;
  private final long length;

  private ParamRoles(long[] statistics, long length) {
    this.statistics = statistics;
    this.length = length;
  }

  static ParamRoles of(MultiLayerNetwork net) {
    List<Long> ranges = new ArrayList<>();
    long offset = 0;
    for (Layer layer : net.getLayers()) {
      for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
        long n = e.getValue().length();
        if (layer.conf().getLayer().getUpdaterByParam(e.getKey()) instanceof NoOp) {
          ranges.add(offset);
          ranges.add(offset + n);
        }
        offset += n;
      }
    }
    if (offset != net.numParams()) {
      throw new IllegalStateException("the layers' parameter tables hold " + offset
          + " values, the network " + net.numParams());
    }
    return new ParamRoles(ranges.stream().mapToLong(Long::longValue).toArray(), offset);
  }

  long length() {
    return length;
  }

  /** Number of statistic values. */
  long statisticCount() {
    long n = 0;
    for (int i = 0; i < statistics.length; i += 2) {
      n += statistics[i + 1] - statistics[i];
    }
    return n;
  }

  /** Calls {@code trained} and {@code statistic} with the ranges of each kind, in order. */
  void forEachRange(RangeAction trained, RangeAction statistic) {
    long at = 0;
    for (int i = 0; i < statistics.length; i += 2) {
      if (statistics[i] > at) {
        trained.run((int) at, (int) statistics[i]);
      }
      statistic.run((int) statistics[i], (int) statistics[i + 1]);
      at = statistics[i + 1];
    }
    if (at < length) {
      trained.run((int) at, (int) length);
    }
  }

  @FunctionalInterface
  interface RangeAction {
    void run(int from, int to);
  }
}
