package org.snnspark.pipeline.predict;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.pipeline.data.BatchBuilder;
import org.snnspark.pipeline.data.PreparedDataset;
import org.snnspark.pipeline.data.Sample;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.parquet.ParquetShardWriter;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * What a trained network says about rows of stored frames: each row's id columns followed by the
 * prediction columns of {@link PredictionSchema}, as a DataFrame ({@link #transform}) or written
 * straight to Parquet files ({@link #writePart}). The network travels once, as one broadcast of
 * its configuration and parameters, is built once per partition, and takes the rows
 * {@link #BATCH} at a time in inference mode, as {@code evaluate} scores them.
 */
public final class Predictor implements Serializable {
  /** Rows per forward pass (the batch {@code evaluate} scores with). */
  public static final int BATCH = 64;

  private final Broadcast<NetworkImage> network;
  private final BatchBuilder batches;
  private final boolean spikes;
  private final List<String> classNames;
  private final int batchSize;

  private Predictor(Broadcast<NetworkImage> network, BatchBuilder batches, boolean spikes,
      List<String> classNames, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + ": must be at least 1");
    }
    this.network = network;
    this.batches = batches;
    this.spikes = spikes;
    this.classNames = List.copyOf(classNames);
    this.batchSize = batchSize;
  }

  /**
   * A predictor of {@code net} for frames shaped as {@code batches} builds them.
   *
   * @param spikes whether rows hold spike frames (else feature frames)
   */
  public static Predictor of(SparkSession spark, MultiLayerNetwork net, BatchBuilder batches,
      boolean spikes, List<String> classNames) {
    return of(spark, net, batches, spikes, classNames, BATCH);
  }

  /** {@link #of} with {@code batchSize} rows per forward pass. */
  public static Predictor of(SparkSession spark, MultiLayerNetwork net, BatchBuilder batches,
      boolean spikes, List<String> classNames, int batchSize) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return new Predictor(jsc.broadcast(NetworkImage.of(net)), batches, spikes, classNames, batchSize);
  }

  /** One row's prediction. */
  record Prediction(Row row, int predicted, float[] scores, int[] layerSpikes) {}

  /** The id columns of {@code rows} with the predictions appended, one row per input row, in order. */
  public Dataset<Row> transform(Dataset<Row> rows) {
    return transform(rows, PredictionSchema.output(rows.schema()), keptIndices(rows.schema()));
  }

  /** Every column of {@code rows} with the predictions appended (a Spark ML stage's convention). */
  public Dataset<Row> transformKeepingAll(Dataset<Row> rows) {
    int[] all = new int[rows.schema().fields().length];
    Arrays.setAll(all, i -> i);
    return transform(rows, PredictionSchema.appended(rows.schema()), all);
  }

  private Dataset<Row> transform(Dataset<Row> rows, StructType schema, int[] kept) {
    JavaRDD<Row> out = rows.javaRDD().mapPartitions((Iterator<Row> it) -> {
      List<Row> result = new ArrayList<>();
      predictEach(it, p -> result.add(asRow(p, kept)));
      return result.iterator();
    }, true);
    return rows.sparkSession().createDataFrame(out, schema);
  }

  /**
   * Predicts {@code rows} (of schema {@code input}) into the Parquet file {@code file}; returns
   * what the manifest records of it.
   */
  PredictionManifest.PartFile writePart(Iterator<Row> rows, StructType input, Configuration conf, Path file,
      String relative) throws IOException {
    StructType schema = PredictionSchema.output(input);
    int[] kept = keptIndices(input);
    DataType[] types = Arrays.stream(kept).mapToObj(i -> input.fields()[i].dataType())
        .toArray(DataType[]::new);
    int labelAt = Arrays.asList(input.fieldNames()).indexOf(FrameSchema.LABEL);
    long[] counts = new long[3]; // rows, labelled, correct
    try (ParquetShardWriter out = new ParquetShardWriter(conf, file, schema, new int[] {0, 0},
        ParquetShardWriter.Limits.DEFAULT)) {
      predictEach(rows, p -> {
        int column = 0;
        for (int k = 0; k < kept.length; k++) {
          writeScalar(out, column++, types[k], p.row().get(kept[k]));
        }
        out.writeInt(column++, p.predicted());
        out.writeString(column, classNames.get(p.predicted()));
        out.writeList(0, p.scores());
        out.writeList(1, p.layerSpikes(), p.layerSpikes().length);
        out.endRow();
        counts[0]++;
        if (labelAt >= 0 && !p.row().isNullAt(labelAt)) {
          counts[1]++;
          counts[2] += p.row().getInt(labelAt) == p.predicted() ? 1 : 0;
        }
      });
      out.close();
      return new PredictionManifest.PartFile(relative, counts[0], counts[1], counts[2], out.sizeBytes(), out.sha256());
    }
  }

  private void predictEach(Iterator<Row> rows, PredictionSink sink) throws IOException {
    if (!rows.hasNext()) {
      return;
    }
    MultiLayerNetwork net = network.value().build();
    List<Row> batch = new ArrayList<>(batchSize);
    while (rows.hasNext()) {
      batch.add(rows.next());
      if (batch.size() == batchSize || !rows.hasNext()) {
        for (Prediction p : predictBatch(net, batch)) {
          sink.accept(p);
        }
        batch.clear();
      }
    }
  }

  @FunctionalInterface
  private interface PredictionSink {
    void accept(Prediction p) throws IOException;
  }

  private List<Prediction> predictBatch(MultiLayerNetwork net, List<Row> rows) {
    List<Sample> samples = new ArrayList<>(rows.size());
    for (Row r : rows) {
      samples.add(PreparedDataset.sample(r, spikes));
    }
    DataSet ds = batches.build(samples);
    INDArray mask = ds.getFeaturesMaskArray();
    net.setLayerMaskArrays(mask, null);
    List<INDArray> acts;
    try {
      acts = net.feedForward(ds.getFeatures(), false);
    } finally {
      net.clearLayerMaskArrays();
    }
    float[][] scores = acts.get(acts.size() - 1).toFloatMatrix();
    int[][] layerSpikes = spikeCounts(acts, mask, rows.size());
    List<Prediction> out = new ArrayList<>(rows.size());
    for (int b = 0; b < rows.size(); b++) {
      out.add(new Prediction(rows.get(b), argmax(scores[b]), scores[b], layerSpikes[b]));
    }
    return out;
  }

  /**
   * Spikes per sample and hidden spiking layer ({@code acts[1 .. n-2]}, [batch, units, time]) over
   * the sample's valid steps.
   */
  static int[][] spikeCounts(List<INDArray> acts, INDArray mask, int batch) {
    int layers = Math.max(acts.size() - 3, 0); // not the input, the readout, the loss layer
    int[][] counts = new int[batch][layers];
    for (int l = 0; l < layers; l++) {
      INDArray a = acts.get(l + 1);
      if (mask != null) {
        a = a.mul(mask.reshape(mask.size(0), 1, mask.size(1)).castTo(a.dataType()));
      }
      double[] perSample = a.sum(1, 2).toDoubleVector();
      for (int b = 0; b < batch; b++) {
        counts[b][l] = Math.toIntExact(Math.round(perSample[b]));
      }
    }
    return counts;
  }

  private Row asRow(Prediction p, int[] kept) {
    Object[] values = new Object[kept.length + PredictionSchema.PREDICTION_FIELDS];
    for (int k = 0; k < kept.length; k++) {
      values[k] = p.row().get(kept[k]);
    }
    int at = kept.length;
    values[at++] = p.predicted();
    values[at++] = classNames.get(p.predicted());
    values[at++] = seq(p.scores());
    values[at] = seq(p.layerSpikes());
    return RowFactory.create(values);
  }

  private static int[] keptIndices(StructType input) {
    return Arrays.stream(PredictionSchema.keptColumns(input)).mapToInt(input::fieldIndex).toArray();
  }

  private static void writeScalar(ParquetShardWriter out, int column, DataType type, Object value) {
    if (type.equals(DataTypes.StringType)) {
      out.writeString(column, (String) value);
    } else if (type.equals(DataTypes.IntegerType)) {
      out.writeNullableInt(column, (Integer) value);
    } else if (type.equals(DataTypes.LongType)) {
      out.writeNullableLong(column, (Long) value);
    } else {
      throw new IllegalArgumentException("id column " + column + " of type " + type
          + ": predictions carry string, int and long id columns");
    }
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** A list value as Spark's row encoder takes it (a Scala Seq). */
  private static Seq<Float> seq(float[] v) {
    List<Float> l = new ArrayList<>(v.length);
    for (float x : v) {
      l.add(x);
    }
    return JavaConverters.asScalaBuffer(l).toSeq();
  }

  private static Seq<Integer> seq(int[] v) {
    return JavaConverters.asScalaBuffer(Arrays.stream(v).boxed().toList()).toSeq();
  }

  /** A network as it travels: its configuration and parameters, built again where it runs. */
  record NetworkImage(String configuration, float[] parameters) implements Serializable {
    static NetworkImage of(MultiLayerNetwork net) {
      return new NetworkImage(net.getLayerWiseConfigurations().toJson(), net.params().toFloatVector());
    }

    MultiLayerNetwork build() {
      MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configuration));
      net.init(Nd4j.createFromArray(parameters).reshape(1, parameters.length), false);
      return net;
    }
  }
}
