package org.snnspark.pipeline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.predict.PredictionJob;
import org.snnspark.pipeline.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write what a saved model predicts for every sample of a dataset's splits as"
        + " Parquet: the sample's id columns (sample_id, label, label_name, speaker, source_file,"
        + " source_index, those the dataset has), predicted, predicted_name, scores (the readout's"
        + " output per class) and layer_spikes (spikes per hidden spiking layer). One directory per"
        + " split (split=NAME/part-NNNNN.parquet) and predictions.json, which names the files and"
        + " each labelled split's accuracy. Splits without labels are predicted too."})
public final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "model.zip written by 'train' (or 'import').")
  String model;

  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory.")
  String dataset;

  @Option(names = "--split", split = ",", paramLabel = "SPLIT",
      description = "Splits to predict, comma-separated, or 'all' for every split with samples."
          + " Default: ${DEFAULT-VALUE}")
  List<String> splits = List.of("test");

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "Directory to write (local, hdfs://, s3a://); must not exist unless --overwrite.")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing predictions directory.")
  boolean overwrite;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    try (SparkSessions.Owned owned = SparkSessions.open("snn-spark predict", spark.master, spark.conf)) {
      List<String> chosen = splits.equals(List.of("all"))
          ? PreparedDataset.open(owned.session(), dataset).splitNames() : splits;
      PredictionJob.run(owned.session(), model, dataset, chosen, output, overwrite);
      return 0;
    }
  }
}
