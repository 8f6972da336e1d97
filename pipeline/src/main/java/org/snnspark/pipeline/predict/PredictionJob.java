package org.snnspark.pipeline.predict;


import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.pipeline.io.StagedOutput;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.dataset.SerializableConfiguration;

/**
 * {@code predict}: a saved model over splits of a dataset, written as one Parquet directory per
 * split ({@code split=NAME/part-00000.parquet, ...}, {@link PredictionSchema}) and a
 * {@link PredictionManifest}. The output appears only when complete (staged, then committed like
 * a training run's), and a re-run with the same model and data writes the same bytes: each input
 * partition becomes the file named by its position, written by the datasets' canonical Parquet
 * writer.
 */
public final class PredictionJob {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionJob.class);

  private PredictionJob() {}

  public static PredictionManifest run(SparkSession spark, String model, String dataset,
      List<String> splits, String output, boolean overwrite) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    MultiLayerNetwork net = ModelStore.load(conf, model);
    PreparedDataset data = PreparedDataset.open(spark, dataset);
    data.requireFits(net, "model", model);
    for (String split : splits) {
      if (!data.hasSplit(split)) {
        throw new OptionException("{split} '" + split + "' is not a split of dataset " + dataset
            + " (valid values: " + String.join(", ", data.splitNames()) + ")");
      }
    }
    Predictor predictor = Predictor.of(spark, net, data.batchBuilder(), data.isSpikes(), data.classNames());
    try (StagedOutput out = StagedOutput.begin(conf, output, overwrite, PredictionManifest.FILE_NAME,
        "predictions")) {
      List<PredictionManifest.Split> done = new ArrayList<>();
      for (String split : splits) {
        done.add(predictSplit(predictor, data, split, out));
      }
      PredictionManifest manifest = new PredictionManifest(PredictionManifest.SCHEMA_VERSION,
          PredictionManifest.KIND, model, dataset, data.classNames(), done);
      out.writeString(PredictionManifest.FILE_NAME, manifest.toJson());
      out.commit();
      LOG.info("predictions written to {}", out.target());
      return manifest;
    }
  }

  private static PredictionManifest.Split predictSplit(Predictor predictor, PreparedDataset data,
      String split, StagedOutput out) {
    long start = System.nanoTime();
    long expected = data.count(split);
    LOG.info("predicting split {}: {} samples", split, expected);
    String directory = FrameSchema.splitDir(split);
    String dir = out.resolve(directory).toString();
    Dataset<Row> rows = data.rows(split);
    StructType input = rows.schema();
    SerializableConfiguration conf = new SerializableConfiguration(out.fs().getConf());
    List<PredictionManifest.PartFile> files = rows.javaRDD().mapPartitionsWithIndex(
        (Integer part, Iterator<Row> it) -> {
          if (!it.hasNext()) {
            return List.<PredictionManifest.PartFile>of().iterator();
          }
          String name = String.format(Locale.ROOT, "part-%05d.parquet", part);
          Path file = new Path(dir, name);
          file.getFileSystem(conf.get()).delete(file, false); // an earlier attempt's
          return List.of(predictor.writePart(it, input, conf.get(), file, directory + "/" + name))
              .iterator();
        }, true).collect();
    long written = files.stream().mapToLong(PredictionManifest.PartFile::rows).sum();
    if (written != expected) {
      throw new IllegalStateException("split " + split + ": " + written + " predictions written for "
          + expected + " samples the manifest of " + data.dir() + " lists");
    }
    PredictionManifest.Split s = new PredictionManifest.Split(split, directory, written,
        files.stream().mapToLong(PredictionManifest.PartFile::labelled).sum(),
        files.stream().mapToLong(PredictionManifest.PartFile::correct).sum(), files);
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info(String.format(Locale.ROOT, "split %s: %d samples in %.1f s (%.0f samples/s)%s", split,
        written, seconds, written / seconds, s.labelled() == 0 ? ", unlabelled"
            : String.format(Locale.ROOT, ", accuracy %.2f%% on %d labelled", 100 * s.accuracy(), s.labelled())));
    return s;
  }

}
