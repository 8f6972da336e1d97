package org.snnspark.pipeline.sweep;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The trials of a sweep as one Parquet table, one row per trial: {@code trial_id, configuration,
 * seed}, one column per swept key ({@code tau-mem} as {@code tau_mem}; double when every value is
 * a number, else the option's text), then {@code status, metric_name, metric, best_epoch,
 * test_accuracy, epoch_valid_accuracy, epoch_train_loss, seconds, run_dir, error}.
 */
public final class TrialTable {
  private TrialTable() {}

  public static void write(SparkSession spark, List<String> axes, List<TrialOutcome> outcomes,
      SweepMetric metric, String path) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("trial_id", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("configuration", DataTypes.IntegerType, false));
    fields.add(DataTypes.createStructField("seed", DataTypes.LongType, false));
    List<Boolean> numeric = new ArrayList<>();
    for (String axis : axes) {
      boolean num = outcomes.stream().allMatch(o -> o.trial().values().get(axis) instanceof Number);
      numeric.add(num);
      fields.add(DataTypes.createStructField(column(axis), num ? DataTypes.DoubleType : DataTypes.StringType, true));
    }
    DataType doubles = DataTypes.createArrayType(DataTypes.DoubleType, false);
    fields.add(DataTypes.createStructField("status", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("metric_name", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("metric", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("best_epoch", DataTypes.IntegerType, true));
    fields.add(DataTypes.createStructField("test_accuracy", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("epoch_valid_accuracy", doubles, false));
    fields.add(DataTypes.createStructField("epoch_train_loss", doubles, false));
    fields.add(DataTypes.createStructField("seconds", DataTypes.DoubleType, false));
    fields.add(DataTypes.createStructField("run_dir", DataTypes.StringType, false));
    fields.add(DataTypes.createStructField("error", DataTypes.StringType, true));

    List<Row> rows = new ArrayList<>();
    for (TrialOutcome o : outcomes) {
      List<Object> row = new ArrayList<>();
      Trial t = o.trial();
      row.add(t.id());
      row.add(t.configuration());
      row.add(t.seed());
      for (int i = 0; i < axes.size(); i++) {
        Object v = t.values().get(axes.get(i));
        row.add(numeric.get(i) ? ((Number) v).doubleValue() : String.valueOf(v));
      }
      row.add(o.status().name());
      row.add(metric.key());
      row.add(Double.isNaN(o.metric()) ? null : o.metric());
      row.add(o.status() == TrialStatus.FAILED ? null : o.bestEpoch());
      row.add(o.testAccuracy());
      row.add(o.validAccuracy().toArray());
      row.add(o.trainLoss().toArray());
      row.add(o.seconds());
      row.add(o.status() == TrialStatus.STOPPED ? t.stoppedRunDir() : t.runDir());
      row.add(o.error());
      rows.add(RowFactory.create(row.toArray()));
    }
    // one file: a sweep's table is small, and one file is what a reader expects to open
    spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)))
        .coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
  }

  static String column(String key) {
    return key.replace('-', '_');
  }
}
