package org.snnspark.pipeline.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.pipeline.train.SparkTrainer;
import org.snnspark.pipeline.train.TrainConfig;
import org.snnspark.pipeline.train.TrainResult;
import org.snnspark.pipeline.train.NeuronModelHelp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train a spiking network on a dataset directory with DL4J-Spark parameter"
        + " averaging; writes model.zip, metrics.json/csv and run.toml.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin TrainConfig config;
  @Mixin SparkOptions spark;
  @Mixin PresetOption preset;

  @Override
  public Integer call() {
    config.validate();
    try (SparkSessions.Owned owned = SparkSessions.open("snn-spark train", spark.master, spark.conf)) {
      SparkSession session = owned.session();
      TrainResult r = new SparkTrainer(config).run(session);
      System.out.println(summary(r));
      return 0;
    }
  }

  /** Adds the neuron models and their options to the help of {@code train}. */
  static void describeNeuronModels(CommandLine train) {
    train.getCommandSpec().usageMessage()
        .footerHeading(NeuronModelHelp.heading())
        .footer(NeuronModelHelp.lines().toArray(new String[0]));
  }

  static String summary(TrainResult r) {
    StringBuilder b = new StringBuilder();
    if (!Double.isNaN(r.bestValidAccuracy())) {
      b.append(String.format(Locale.ROOT, "best validation accuracy %.2f%% (epoch %d)%n",
          100 * r.bestValidAccuracy(), r.bestEpoch()));
    }
    if (r.testAccuracy() != null) {
      b.append(String.format(Locale.ROOT, "test accuracy %.2f%%%n", 100 * r.testAccuracy()));
    }
    b.append("run written to ").append(r.runDir());
    return b.toString();
  }
}
