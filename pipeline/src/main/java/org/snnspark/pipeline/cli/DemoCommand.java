package org.snnspark.pipeline.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.pipeline.train.NeuronTypeOption;
import org.snnspark.pipeline.train.RateBaseline;
import org.snnspark.pipeline.train.SparkTrainer;
import org.snnspark.pipeline.train.TrainConfig;
import org.snnspark.pipeline.train.TrainResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole pipeline on this machine, start to finish: synthetic SHD-layout HDF5, preprocessing
 * to Parquet shards, distributed training with parameter averaging, test accuracy.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generate a synthetic SHD-layout dataset, preprocess it to Parquet, train a"
        + " spiking network on Spark with parameter averaging and report its test accuracy.")
public final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the demo writes raw/, dataset/ and run/ (replaced on every run). Default: ${DEFAULT-VALUE}")
  Path workDir = Path.of("out", "demo");

  @Option(names = "--train-samples", description = "Synthetic training samples. Default: ${DEFAULT-VALUE}")
  int trainSamples = 1200;

  @Option(names = "--test-samples", description = "Synthetic test samples. Default: ${DEFAULT-VALUE}")
  int testSamples = 400;

  @Option(names = "--classes", description = "Synthetic classes. Default: ${DEFAULT-VALUE}")
  int classes = 10;

  @Option(names = "--neuron", converter = NeuronTypeOption.class, completionCandidates = NeuronTypeOption.Names.class,
      description = "Spiking neuron model. Default: ${DEFAULT-VALUE}")
  NeuronType neuron = LifModel.RADLIF;

  @Option(names = "--hidden", split = ",", description = "Layer sizes. Default: 128")
  int[] hidden = {128};

  @Option(names = "--epochs", description = "Training epochs. Default: ${DEFAULT-VALUE}")
  int epochs = 12;

  @Option(names = "--seed", description = "Seed for data and training. Default: ${DEFAULT-VALUE}")
  long seed = 42;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Path raw = workDir.resolve("raw").toAbsolutePath();
    String dataset = workDir.resolve("dataset").toAbsolutePath().toString();
    String run = workDir.resolve("run").toAbsolutePath().toString();

    LOG.info("[1/3] generating {} + {} synthetic SHD-layout samples ({} classes) in {}",
        trainSamples, testSamples, classes, raw);
    SyntheticShdConfig synth = new SyntheticShdConfig().withSamples(trainSamples, testSamples)
        .withClasses(classes).withSeed(seed);
    new SyntheticShdGenerator(synth).generate(raw);

    try (SparkSessions.Owned owned = SparkSessions.open("snn-spark demo", spark.master, spark.conf)) {
      SparkSession session = owned.session();
      LOG.info("[2/3] preprocessing HDF5 spikes to Parquet shards in {}", dataset);
      SpikePreprocessConfig prep = new SpikePreprocessConfig();
      prep.addInput("train", raw.resolve("shd_train.h5").toString())
          .addInput("test", raw.resolve("shd_test.h5").toString());
      prep.setOutput(dataset);
      prep.setOverwrite(true);
      prep.setValidFraction(0.15);
      prep.setSeed(seed);
      DatasetManifest manifest = new SpikePreprocessJob(prep).run(session);

      LOG.info("[3/3] training {} {} on Spark ({})", neuron, java.util.Arrays.toString(hidden),
          session.sparkContext().master());
      TrainConfig train = new TrainConfig();
      train.dataset = dataset;
      train.output = run;
      train.overwrite = true;
      train.neuron = neuron;
      train.hidden = hidden;
      train.epochs = epochs;
      train.seed = seed;
      TrainResult result = new SparkTrainer(train).run(session);

      PreparedDataset data = PreparedDataset.open(session, dataset);
      double baseline = RateBaseline.accuracy(data.samples("train"), data.samples("test"),
          manifest.getNumChannels(), manifest.getClassNames().size());
      double chance = 1.0 / manifest.getClassNames().size();
      System.out.printf(Locale.ROOT, "%ndemo finished in %.0f s%n", (System.nanoTime() - start) / 1e9);
      System.out.println(TrainCommand.summary(result));
      System.out.printf(Locale.ROOT, "chance level %.2f%% (%d classes); rate-only baseline"
          + " (nearest class centroid of per-channel spike counts) %.2f%%%n", 100 * chance,
          manifest.getClassNames().size(), 100 * baseline);
      System.out.println("raw HDF5: " + raw + "\ndataset:  " + dataset + "\nmodel:    " + run
          + "/model.zip\nmetrics:  " + run + "/metrics.json");
      return 0;
    }
  }
}
