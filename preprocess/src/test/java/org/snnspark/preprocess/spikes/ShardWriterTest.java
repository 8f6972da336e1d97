package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.parquet.ParquetShardWriter;
import org.snnspark.preprocess.testutil.TestSpark;

/**
 * Shards written by {@link ShardWriter} (its own page encoding for the arrays) read back as exactly
 * the rows written, through Spark's vectorized reader, Spark's parquet-mr row reader and
 * parquet-mr's generic (example Group) reader, in every shape a shard takes; and they use only
 * the encodings any Parquet reader knows.
 */
class ShardWriterTest {
  private static final int STEPS = 100;
  private static final int CHANNELS = 700;

  enum Shape {
    /** Rows with empty arrays between full ones, and no speakers. */
    EMPTY_ARRAYS(40, false, false, ParquetShardWriter.Limits.DEFAULT),
    ONE_ROW(1, false, false, ParquetShardWriter.Limits.DEFAULT),
    /** All counts 1: a one-entry dictionary, ids of bit width 0. */
    BINARY(60, false, true, ParquetShardWriter.Limits.DEFAULT),
    EVENTS(30, true, false, ParquetShardWriter.Limits.DEFAULT),
    /** Small limits: many pages per column chunk, some with only empty arrays, and several row groups. */
    PAGES_AND_ROW_GROUPS(300, true, false, new ParquetShardWriter.Limits(200_000, 2_000, 7));

    final int rows;
    final boolean events;
    final boolean binary;
    final ParquetShardWriter.Limits limits;

    Shape(int rows, boolean events, boolean binary, ParquetShardWriter.Limits limits) {
      this.rows = rows;
      this.events = events;
      this.binary = binary;
      this.limits = limits;
    }
  }

  @ParameterizedTest
  @EnumSource(Shape.class)
  void readersGetBackTheRowsWritten(Shape shape, @TempDir Path tmp) throws Exception {
    List<SampleRecord> written = records(shape);
    Path file = tmp.resolve("part.parquet");
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    Configuration conf = new Configuration();
    try (ShardWriter w = new ShardWriter(conf, path, STEPS, CHANNELS, shape.events, shape.limits)) {
      for (SampleRecord r : written) {
        w.write(r);
      }
    }
    List<List<Object>> expected = written.stream().map(r -> expected(r, shape.events)).toList();

    assertEquals(expected, parquetMrRows(conf, path, shape.events), "parquet-mr's example Group reader");
    SparkSession spark = TestSpark.get();
    for (String vectorized : List.of("true", "false")) {
      String old = spark.conf().get("spark.sql.parquet.enableVectorizedReader");
      String oldNested = spark.conf().get("spark.sql.parquet.enableNestedColumnVectorizedReader");
      spark.conf().set("spark.sql.parquet.enableVectorizedReader", vectorized);
      spark.conf().set("spark.sql.parquet.enableNestedColumnVectorizedReader", vectorized);
      try {
        List<Row> rows = spark.read().parquet(file.toString()).collectAsList();
        List<List<Object>> got = new ArrayList<>();
        for (Row row : rows) {
          got.add(sparkRow(row, shape.events));
        }
        assertEquals(expected, got, "Spark, vectorized reader " + vectorized);
      } finally {
        spark.conf().set("spark.sql.parquet.enableVectorizedReader", old);
        spark.conf().set("spark.sql.parquet.enableNestedColumnVectorizedReader", oldNested);
      }
    }

    ParquetMetadata footer;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
      footer = r.getFooter();
      if (shape == Shape.PAGES_AND_ROW_GROUPS) {
        assertTrue(footer.getBlocks().size() > 1, "row groups: " + footer.getBlocks().size());
        ColumnChunkMetaData time = footer.getBlocks().get(0).getColumns().get(8);
        assertTrue(r.readOffsetIndex(time).getPageCount() > 1, "pages of spike_time in the first row group");
      }
    }
    Set<Encoding> standard = Set.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);
    for (BlockMetaData b : footer.getBlocks()) {
      for (ColumnChunkMetaData c : b.getColumns()) {
        assertTrue(standard.containsAll(c.getEncodings()), c.getPath() + ": " + c.getEncodings());
      }
    }
    assertEquals(FrameSchema.schema(shape.events).json(),
        footer.getFileMetaData().getKeyValueMetaData().get(ParquetShardWriter.SPARK_SCHEMA_KEY));
  }

  /** Random frames of 0..2000 entries sorted by (time, channel) as the binner makes them; some empty. */
  private static List<SampleRecord> records(Shape shape) {
    SplittableRandom rnd = new SplittableRandom(shape.ordinal());
    List<SampleRecord> out = new ArrayList<>();
    for (int i = 0; i < shape.rows; i++) {
      SampleRecord r = new SampleRecord();
      r.sampleId = "shd_train/" + i;
      r.label = rnd.nextInt(20);
      r.labelName = "class-" + r.label;
      r.speaker = shape == Shape.EMPTY_ARRAYS ? null : rnd.nextInt(12);
      r.sourceFile = "shd_train.h5";
      r.sourceIndex = 1000L + i;
      // empty arrays: every third row; with small pages also whole pages of them (no values, no dictionary ids)
      boolean empty = shape == Shape.EMPTY_ARRAYS ? i % 3 == 0 : shape == Shape.PAGES_AND_ROW_GROUPS && i % 40 < 15;
      int n = empty ? 0 : rnd.nextInt(2000);
      int[] keys = rnd.ints(n, 0, STEPS * CHANNELS).sorted().distinct().toArray();
      r.frame = inLongerArrays(Arrays.stream(keys).map(k -> k / CHANNELS).toArray(),
          Arrays.stream(keys).map(k -> k % CHANNELS).toArray(),
          Arrays.stream(keys).map(k -> shape.binary ? 1 : 1 + rnd.nextInt(k % 7 == 0 ? 300 : 3)).toArray());
      if (shape.events) {
        int m = n == 0 ? 0 : rnd.nextInt(3000);
        r.eventTime = new float[m];
        r.eventChannel = new int[m];
        for (int k = 0; k < m; k++) {
          r.eventTime[k] = org.snnspark.preprocess.hdf5.Float16.toFloat((short) rnd.nextInt(0x3e00)); // float16 values in [0, 1.5)
          r.eventChannel[k] = rnd.nextInt(CHANNELS);
        }
      }
      out.add(r);
    }
    return out;
  }

  /**
   * The entries as a task's reused buffer holds them: in arrays longer than the frame, the rest
   * holding values no column may take (the writer must read the first {@code entries} only).
   */
  private static FrameBuffer inLongerArrays(int[] time, int[] channel, int[] count) {
    FrameBuffer f = new FrameBuffer();
    f.reserve(count.length + 5);
    Arrays.fill(f.time, -1);
    Arrays.fill(f.channel, CHANNELS);
    Arrays.fill(f.count, -7);
    System.arraycopy(time, 0, f.time, 0, time.length);
    System.arraycopy(channel, 0, f.channel, 0, channel.length);
    System.arraycopy(count, 0, f.count, 0, count.length);
    f.entries = count.length;
    return f;
  }

  private static List<Object> expected(SampleRecord r, boolean events) {
    FrameBuffer frame = r.frame;
    List<Object> row = new ArrayList<>(Arrays.asList(r.sampleId, r.label, r.labelName, r.speaker, r.sourceFile,
        r.sourceIndex, STEPS, CHANNELS, ints(Arrays.copyOf(frame.time, frame.entries)),
        ints(Arrays.copyOf(frame.channel, frame.entries)), ints(Arrays.copyOf(frame.count, frame.entries))));
    if (events) {
      List<Float> t = new ArrayList<>();
      for (float f : r.eventTime) {
        t.add(f);
      }
      row.add(t);
      row.add(ints(r.eventChannel));
    }
    return row;
  }

  private static List<Integer> ints(int[] a) {
    return Arrays.stream(a).boxed().toList();
  }

  private static List<Object> sparkRow(Row r, boolean events) {
    List<Object> row = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      row.add(i < 8 ? r.get(i) : new ArrayList<>(r.getList(i))); // the arrays follow 8 scalar columns
    }
    assertEquals(events ? 13 : 11, row.size());
    return row;
  }

  private static List<List<Object>> parquetMrRows(Configuration conf, org.apache.hadoop.fs.Path path, boolean events)
      throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(conf).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        List<Object> row = new ArrayList<>();
        row.add(g.getString(FrameSchema.SAMPLE_ID, 0));
        row.add(g.getInteger(FrameSchema.LABEL, 0));
        row.add(g.getString(FrameSchema.LABEL_NAME, 0));
        row.add(g.getFieldRepetitionCount(FrameSchema.SPEAKER) == 0 ? null : g.getInteger(FrameSchema.SPEAKER, 0));
        row.add(g.getString(FrameSchema.SOURCE_FILE, 0));
        row.add(g.getLong(FrameSchema.SOURCE_INDEX, 0));
        row.add(g.getInteger(FrameSchema.N_STEPS, 0));
        row.add(g.getInteger(FrameSchema.N_CHANNELS, 0));
        List<String> lists = new ArrayList<>(List.of(FrameSchema.SPIKE_TIME, FrameSchema.SPIKE_CHANNEL, FrameSchema.SPIKE_COUNT));
        if (events) {
          lists.addAll(List.of(FrameSchema.EVENT_TIME, FrameSchema.EVENT_CHANNEL));
        }
        for (String name : lists) {
          Group list = g.getGroup(name, 0);
          List<Object> values = new ArrayList<>();
          for (int k = 0; k < list.getFieldRepetitionCount("list"); k++) {
            Group element = list.getGroup("list", k);
            values.add(name.equals(FrameSchema.EVENT_TIME) ? (Object) element.getFloat("element", 0)
                : (Object) element.getInteger("element", 0));
          }
          row.add(values);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
