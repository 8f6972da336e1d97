package org.snnspark.pipeline.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.snnspark.preprocess.dataset.FrameSchema;

/**
 * The columns of a predictions table: the input's id columns that it has (in this order:
 * {@value FrameSchema#SAMPLE_ID}, {@value FrameSchema#LABEL}, {@value FrameSchema#LABEL_NAME},
 * {@value FrameSchema#SPEAKER}, {@value FrameSchema#SOURCE_FILE}, {@value FrameSchema#SOURCE_INDEX},
 * with the input's types), then
 * <ul>
 *   <li>{@value #PREDICTED} (int): the class with the highest score;</li>
 *   <li>{@value #PREDICTED_NAME} (string): its name;</li>
 *   <li>{@value #SCORES} (list of float, one per class): the readout's output, class
 *       probabilities for the softmax readouts, spike counts for {@code SPIKE_COUNT};</li>
 *   <li>{@value #LAYER_SPIKES} (list of int, one per hidden spiking layer): the spikes the
 *       sample made that layer emit over its valid steps.</li>
 * </ul>
 * Frame columns (spikes, features) are not copied: join on {@value FrameSchema#SAMPLE_ID} for them.
 */
public final class PredictionSchema {
  public static final String PREDICTED = "predicted";
  public static final String PREDICTED_NAME = "predicted_name";
  public static final String SCORES = "scores";
  public static final String LAYER_SPIKES = "layer_spikes";
  /** The columns a prediction adds, in order. */
  public static final List<String> PREDICTION_COLUMNS =
      List.of(PREDICTED, PREDICTED_NAME, SCORES, LAYER_SPIKES);
  static final int PREDICTION_FIELDS = PREDICTION_COLUMNS.size();

  /** Input columns a prediction row carries over, when the input has them. */
  static final List<String> KEPT = List.of(FrameSchema.SAMPLE_ID, FrameSchema.LABEL,
      FrameSchema.LABEL_NAME, FrameSchema.SPEAKER, FrameSchema.SOURCE_FILE, FrameSchema.SOURCE_INDEX);

  private PredictionSchema() {}

  /** The kept columns {@code input} has, in {@link #KEPT}'s order; it must have a sample id. */
  static String[] keptColumns(StructType input) {
    List<String> names = Arrays.asList(input.fieldNames());
    if (!names.contains(FrameSchema.SAMPLE_ID)) {
      throw new IllegalArgumentException("rows to predict need a '" + FrameSchema.SAMPLE_ID
          + "' column; they have " + names);
    }
    return KEPT.stream().filter(names::contains).toArray(String[]::new);
  }

  /** The predictions' schema for rows of schema {@code input}: its id columns, then the predictions. */
  public static StructType output(StructType input) {
    List<StructField> fields = new ArrayList<>();
    for (String name : keptColumns(input)) {
      StructField f = input.apply(name);
      fields.add(DataTypes.createStructField(name, f.dataType(), true, f.metadata()));
    }
    return withPredictions(fields);
  }

  /** Every column of {@code input}, then the predictions. */
  public static StructType appended(StructType input) {
    return withPredictions(new ArrayList<>(Arrays.asList(input.fields())));
  }

  private static StructType withPredictions(List<StructField> fields) {
    fields.add(DataTypes.createStructField(PREDICTED, DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField(PREDICTED_NAME, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(SCORES,
        DataTypes.createArrayType(DataTypes.FloatType, false), true));
    fields.add(DataTypes.createStructField(LAYER_SPIKES,
        DataTypes.createArrayType(DataTypes.IntegerType, false), true));
    return DataTypes.createStructType(fields);
  }
}
