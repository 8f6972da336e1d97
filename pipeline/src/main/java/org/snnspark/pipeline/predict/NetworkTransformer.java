package org.snnspark.pipeline.predict;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReadable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.io.ModelStore;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.FrameSchema;
import scala.Option;

/**
 * A trained network as a Spark ML stage. {@link #transform} adds {@link PredictionSchema}'s
 * prediction columns to any DataFrame of a dataset's rows ({@code sample_id} and the frame
 * columns of the dataset's kind), keeping every input column, so it composes in a
 * {@code org.apache.spark.ml.Pipeline}. It carries what it needs to read the frames: the
 * dataset's manifest (shape, class names, normalisation), not its data.
 *
 * <p>Saved by {@link #write()} as a directory Spark ML's readers know ({@code metadata/}, with
 * this class and the params) plus {@code model.zip} and {@code dataset-manifest.json}; loaded by
 * {@link #read()} or {@code PipelineModel.load}.
 */
public final class NetworkTransformer extends Transformer implements MLWritable {
  private static final long serialVersionUID = 1L;
  static final String MODEL_FILE = "model.zip";
  static final String MANIFEST_FILE = "dataset-manifest.json";

  private final String uid;
  private final MultiLayerNetwork network;
  private final DatasetManifest manifest;

  private final IntParam batchSize;

  private NetworkTransformer(String uid, MultiLayerNetwork network, DatasetManifest manifest) {
    this.uid = uid;
    this.network = network;
    this.manifest = manifest;
    this.batchSize = new IntParam(this, "batchSize", "rows per forward pass (> 0)",
        ParamValidators.gt(0));
    setDefault(batchSize, Predictor.BATCH);
  }

  /**
   * The model at {@code model} for rows of the dataset at {@code dataset} (and of any dataset
   * with the same manifest: channels, steps, classes, normalisation).
   */
  public static NetworkTransformer of(SparkSession spark, String model, String dataset) {
    MultiLayerNetwork net = ModelStore.load(spark.sparkContext().hadoopConfiguration(), model);
    PreparedDataset data = PreparedDataset.open(spark, dataset);
    data.requireFits(net, "model", model);
    return new NetworkTransformer("snnNetwork_" + UUID.randomUUID().toString().substring(0, 12),
        net, data.manifest());
  }

  /**
   * Rows per forward pass (default 64, what {@code evaluate} and {@code predict} use); more use
   * more memory per task. A method, as Spark ML finds a stage's params by its methods.
   */
  public IntParam batchSize() {
    return batchSize;
  }

  public NetworkTransformer setBatchSize(int value) {
    set(batchSize, value);
    return this;
  }

  public int getBatchSize() {
    return (Integer) $(batchSize);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    Dataset<Row> rows = dataset.toDF();
    return Predictor.of(rows.sparkSession(), network, PreparedDataset.batchBuilder(manifest),
        PreparedDataset.isSpikes(manifest), manifest.getClassNames(), getBatchSize())
        .transformKeepingAll(rows);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    List<String> needed = new java.util.ArrayList<>(List.of(FrameSchema.SAMPLE_ID));
    needed.addAll(PreparedDataset.frameColumns(PreparedDataset.isSpikes(manifest)));
    List<String> missing = needed.stream().filter(n -> !names.contains(n)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("rows for " + uid + " (a network over " + manifest.getKind()
          + " frames of " + manifest.getNumSteps() + " steps x " + manifest.getNumChannels()
          + ") need the columns " + missing + "; they have " + names);
    }
    for (String taken : PredictionSchema.PREDICTION_COLUMNS) {
      if (names.contains(taken)) {
        throw new IllegalArgumentException("rows for " + uid + " already have a column '" + taken
            + "', which this stage adds");
      }
    }
    return PredictionSchema.appended(schema);
  }

  @Override
  public NetworkTransformer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<NetworkTransformer> read() {
    return new Reader();
  }

  /** {@code read().load(path)}. */
  public static NetworkTransformer load(String path) {
    return read().load(path);
  }

  private static final class Writer extends MLWriter {
    private final NetworkTransformer stage;

    Writer(NetworkTransformer stage) {
      this.stage = stage;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(stage, path, sc(), Option.empty(), Option.empty());
      Configuration conf = sc().hadoopConfiguration();
      try {
        Path dir = new Path(path);
        FileSystem fs = dir.getFileSystem(conf);
        ModelStore.save(stage.network, fs, new Path(dir, MODEL_FILE));
        try (OutputStream out = fs.create(new Path(dir, MANIFEST_FILE), false)) {
          out.write(stage.manifest.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save " + stage.uid + " to " + path + ": " + e.getMessage(), e);
      }
    }
  }

  private static final class Reader extends MLReader<NetworkTransformer> {
    @Override
    public NetworkTransformer load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(),
          NetworkTransformer.class.getName());
      Configuration conf = sc().hadoopConfiguration();
      Path dir = new Path(path);
      MultiLayerNetwork net = ModelStore.load(conf, new Path(dir, MODEL_FILE).toString());
      DatasetManifest manifest;
      try (InputStream in = dir.getFileSystem(conf).open(new Path(dir, MANIFEST_FILE))) {
        manifest = DatasetManifest.fromJson(new String(in.readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load " + path + ": " + e.getMessage(), e);
      }
      NetworkTransformer stage = new NetworkTransformer(metadata.uid(), net, manifest);
      metadata.getAndSetParams(stage, Option.empty());
      return stage;
    }
  }
}
