package org.snnspark.pipeline.train;

import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.snnspark.pipeline.data.BatchBuilder;
import org.snnspark.pipeline.data.Sample;

/** Scores a network on a split, on the executors, with the network's current parameters. */
public final class SplitEvaluator {
  private static final int EVAL_BATCH = 64;

  private SplitEvaluator() {}

  public static Evaluation evaluate(SparkDl4jMultiLayer sparkNet, JavaRDD<Sample> samples,
      BatchBuilder batches) {
    JavaRDD<DataSet> data = samples.mapPartitions(
        (Iterator<Sample> it) -> batches.batches(it, EVAL_BATCH));
    return sparkNet.evaluate(data);
  }

  /** confusion[actual][predicted], as counts. */
  public static long[][] confusion(Evaluation ev, int classes) {
    long[][] m = new long[classes][classes];
    for (int actual = 0; actual < classes; actual++) {
      for (int predicted = 0; predicted < classes; predicted++) {
        m[actual][predicted] = ev.getConfusionMatrix().getCount(actual, predicted);
      }
    }
    return m;
  }
}
