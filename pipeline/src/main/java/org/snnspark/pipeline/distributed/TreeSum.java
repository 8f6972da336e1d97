package org.snnspark.pipeline.distributed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Sums a round's worker results, one per partition. Up to {@code fanIn} workers send their
 * states straight to the driver; beyond that, groups of {@code fanIn} consecutive workers are
 * summed on the executors first (a shuffle inside the same job), so the driver receives
 * ceil(N / fanIn) partial sums instead of N states. Every sum runs in ascending worker order.
 */
final class TreeSum {
  private TreeSum() {}

  static RoundSum sum(JavaRDD<WorkerResult> results, int fanIn) {
    int workers = results.getNumPartitions();
    if (workers <= fanIn) {
      return RoundSum.of(results.collect()); // collect keeps partition order
    }
    int groups = (workers + fanIn - 1) / fanIn;
    List<Tuple2<Integer, RoundSum>> partial = new ArrayList<>(results
        .mapToPair(r -> new Tuple2<>(r.worker() / fanIn, r))
        .groupByKey(new HashPartitioner(groups))
        .mapValues(rs -> {
          List<WorkerResult> sorted = new ArrayList<>();
          rs.forEach(sorted::add);
          sorted.sort(Comparator.comparingInt(WorkerResult::worker));
          return RoundSum.of(sorted);
        })
        .collect());
    partial.sort(Comparator.comparingInt(Tuple2::_1));
    RoundSum total = new RoundSum();
    partial.forEach(p -> total.add(p._2()));
    return total;
  }
}
