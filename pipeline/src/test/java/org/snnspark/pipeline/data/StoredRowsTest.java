package org.snnspark.pipeline.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.snnspark.preprocess.dataset.FrameSchema;
import scala.collection.JavaConverters;

/** Stored rows read as samples: by column name, and without a label only for inference. */
class StoredRowsTest {
  private static final StructType SPIKES = DataTypes.createStructType(List.of(
      DataTypes.createStructField(FrameSchema.SAMPLE_ID, DataTypes.StringType, false),
      DataTypes.createStructField(FrameSchema.LABEL, DataTypes.IntegerType, true),
      DataTypes.createStructField(FrameSchema.SPIKE_TIME, DataTypes.createArrayType(DataTypes.IntegerType), false),
      DataTypes.createStructField(FrameSchema.SPIKE_CHANNEL, DataTypes.createArrayType(DataTypes.IntegerType), false),
      DataTypes.createStructField(FrameSchema.SPIKE_COUNT, DataTypes.createArrayType(DataTypes.IntegerType), false)));

  private static Row row(String id, Integer label) {
    return new GenericRowWithSchema(new Object[] {id, label, seq(3, 7), seq(1, 2), seq(1, 4)}, SPIKES);
  }

  private static Object seq(Integer... values) {
    return JavaConverters.asScalaBuffer(List.of(values)).toSeq();
  }

  @Test
  void aLabelledRowIsItsSample() {
    Sample s = PreparedDataset.labeled(row("train/17", 2), true);
    assertEquals("train/17", s.id());
    assertEquals(2, s.label());
    float[] x = new float[10 * 3];
    s.writeTo(x, 0, 1, 3, 10);
    assertEquals(1, x[3 * 3 + 1]);
    assertEquals(4, x[7 * 3 + 2]);
  }

  @Test
  void trainingAndScoringRefuseARowWithoutLabelWhilePredictionTakesIt() {
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> PreparedDataset.labeled(row("test/5", null), true));
    assertTrue(e.getMessage().startsWith("sample test/5 has no label"), e.getMessage());
    assertEquals("test/5", PreparedDataset.sample(row("test/5", null), true).id());
  }
}
