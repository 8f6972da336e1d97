package org.snnspark.pipeline.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.pipeline.train.SplitEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Score a saved model on a split of a dataset directory: accuracy and confusion matrix.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "model.zip written by 'train'.")
  String model;

  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory.")
  String dataset;

  @Option(names = "--split", description = "Split to score. Default: ${DEFAULT-VALUE}")
  String split = "test";

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    try (SparkSessions.Owned owned = SparkSessions.open("snn-spark evaluate", spark.master, spark.conf)) {
      SparkSession session = owned.session();
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
      MultiLayerNetwork net = ModelStore.load(jsc.hadoopConfiguration(), model);
      PreparedDataset data = PreparedDataset.open(session, dataset);
      data.requireFits(net, "model", model);
      SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(jsc, net,
          new ParameterAveragingTrainingMaster.Builder(1).build());
      Evaluation ev = SplitEvaluator.evaluate(sparkNet, data.samples(split), data.batchBuilder());
      System.out.println(report(ev, data.classNames(), split));
      return 0;
    }
  }

  static String report(Evaluation ev, List<String> classes, String split) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s accuracy %.2f%% (%d samples)%n", split,
        100 * ev.accuracy(), ev.getNumRowCounter()));
    long[][] m = SplitEvaluator.confusion(ev, classes.size());
    b.append("confusion matrix (rows: actual, columns: predicted)\n");
    for (int i = 0; i < m.length; i++) {
      b.append(String.format(Locale.ROOT, "%-12s", truncate(classes.get(i))));
      for (long v : m[i]) {
        b.append(String.format(Locale.ROOT, "%5d", v));
      }
      b.append('\n');
    }
    return b.toString().stripTrailing();
  }

  private static String truncate(String s) {
    return s.length() <= 11 ? s : s.substring(0, 11);
  }
}
