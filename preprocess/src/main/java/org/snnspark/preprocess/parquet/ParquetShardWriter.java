package org.snnspark.preprocess.parquet;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.dataset.ParquetFooters;

/**
 * Writes one Parquet file of rows of a Spark schema whose scalar fields come first and whose array
 * fields (arrays of non-null int or float) follow them, through parquet-mr's file writer: no Spark
 * SQL rows, encoders or shuffle in between. A row is its scalar values ({@link #writeInt} ...), then
 * its arrays ({@link #writeList}), then {@link #endRow()}.
 *
 * <p>The file is the one Spark's writer would make in all that readers see: the Parquet schema
 * Spark derives from the Spark schema (standard 3-level lists), Spark's footer metadata
 * ({@code org.apache.spark.version} and the Spark schema as
 * {@code org.apache.spark.sql.parquet.row.metadata}), parquet-mr's defaults (snappy, dictionary
 * encoding, v1 data pages with RLE levels, 1 MB pages, 128 MB row groups with the same flush rule,
 * statistics, column and offset indexes). The scalar columns go through parquet-mr's own column
 * writers; the arrays — nearly all of the data — are encoded a whole row at a time by
 * {@link ListColumnChunk} (parquet-mr's per-value path was most of a shard task's time), with the
 * same encodings but not byte for byte the same pages (RLE runs of levels merged across rows, page
 * ends by value count). Spark, parquet-mr, pandas / pyarrow and DuckDB read them as any other
 * Parquet file (ShardWriterTest reads shards back with Spark's vectorized reader and parquet-mr).
 *
 * <p>The footer is canonical ({@link ParquetFooters}: each column chunk's encodings listed in
 * Thrift order, not in the order of parquet-mr's HashSet, which changes between JVMs), so that the
 * same rows give the same bytes in any JVM. The SHA-256 of the final bytes is computed while they
 * are written (no second read for the manifest).
 */
public final class ParquetShardWriter implements AutoCloseable {
  /** Footer key under which Spark keeps a file's Spark schema (ParquetReadSupport.SPARK_METADATA_KEY). */
  public static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
  /** Footer key with the writing Spark's version (Spark's SPARK_VERSION_METADATA_KEY). */
  public static final String SPARK_VERSION_KEY = "org.apache.spark.version";

  /** parquet-mr's defaults, as ParquetWriter's builder (and so Spark's writer, unconfigured) has them. */
  private static final ParquetProperties PROPS = ParquetProperties.builder().build();

  /** Sizes at which row groups and pages end. */
  public record Limits(long rowGroupBytes, int pageValues, int pageRows) {
    /** parquet-mr's: 128 MB row groups; 1 MB pages (dictionary ids buffered as 4 bytes each), 20,000 rows. */
    public static final Limits DEFAULT = new Limits(ParquetWriter.DEFAULT_BLOCK_SIZE,
        PROPS.getPageSizeThreshold() / 4, PROPS.getPageRowCountLimit());
  }

  private final DigestingFile out;
  private final MessageType schema;
  private final MessageType scalarSchema;
  private final int scalars;
  private final int[] listDomains;
  private final Map<String, String> footerMetadata;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final Limits limits;
  private final RowGroupCheck rowGroupCheck;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  /** The current row group's writers of the scalar columns, and their definition level when set. */
  private ColumnWriter[] columns;
  private int[] definedLevel;
  private ListColumnChunk[] arrays;
  private long rows;
  private boolean closed;

  /**
   * Creates {@code path} (which must not exist).
   *
   * @param listDomains for each array field in schema order: the bound {@code d} when its values are
   *     ints known to lie in {@code [0, d)}, else 0 (see {@link ListColumnChunk})
   */
  public ParquetShardWriter(Configuration conf, Path path, StructType sparkSchema, int[] listDomains, Limits limits)
      throws IOException {
    this.schema = parquetSchema(sparkSchema);
    this.scalars = leadingScalars(sparkSchema);
    if (listDomains.length != sparkSchema.fields().length - scalars) {
      throw new IllegalArgumentException(listDomains.length + " list domains for the array fields of " + sparkSchema);
    }
    this.listDomains = listDomains.clone();
    this.scalarSchema = new MessageType(schema.getName(), schema.getFields().subList(0, scalars));
    // a HashMap as parquet-mr's record writer has it: the footer lists the pairs in its iteration order
    this.footerMetadata = new HashMap<>();
    footerMetadata.put(SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT());
    footerMetadata.put(SPARK_SCHEMA_KEY, sparkSchema.json());
    this.limits = limits;
    this.rowGroupCheck = new RowGroupCheck(PROPS, limits.rowGroupBytes());
    this.out = new DigestingFile(HadoopFiles.forWriting(path, conf), path);
    this.file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.CREATE, limits.rowGroupBytes(),
        ParquetWriter.MAX_PADDING_SIZE_DEFAULT, PROPS.getColumnIndexTruncateLength(),
        PROPS.getStatisticsTruncateLength(), PROPS.getPageWriteChecksumEnabled());
    file.start();
    this.codecs = new CodecFactory(conf, PROPS.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
    startRowGroup();
  }

  /** Sets scalar field {@code column} (its index in the schema) of the row being written. */
  public void writeInt(int column, int value) {
    columns[column].write(value, 0, definedLevel[column]);
  }

  /** {@link #writeInt}, or null. */
  public void writeNullableInt(int column, Integer value) {
    if (value == null) {
      writeNull(column);
    } else {
      writeInt(column, value.intValue());
    }
  }

  /** Sets scalar field {@code column}. */
  public void writeLong(int column, long value) {
    columns[column].write(value, 0, definedLevel[column]);
  }

  /** {@link #writeLong}, or null. */
  public void writeNullableLong(int column, Long value) {
    if (value == null) {
      writeNull(column);
    } else {
      writeLong(column, value.longValue());
    }
  }

  /** Sets scalar field {@code column}: a UTF-8 string, or null. */
  public void writeString(int column, String value) {
    if (value == null) {
      writeNull(column);
    } else {
      columns[column].write(Binary.fromString(value), 0, definedLevel[column]);
    }
  }

  private void writeNull(int column) {
    columns[column].writeNull(0, definedLevel[column] - 1);
  }

  /** Sets array field {@code list} (its index among the array fields) to {@code values[0..n)}. */
  public void writeList(int list, int[] values, int n) {
    arrays[list].add(values, n);
  }

  /** Sets array field {@code list} to {@code values}. */
  public void writeList(int list, float[] values) {
    arrays[list].add(values);
  }

  /** Ends the row whose fields were all set; ends the row group when it is full. */
  public void endRow() throws IOException {
    store.endRecord();
    rows++;
    if (rowGroupCheck.full(bufferedSize())) {
      flushRowGroup();
      startRowGroup();
    }
  }

  public long rows() {
    return rows;
  }

  /** Closes the file; then {@link #sizeBytes()} and {@link #sha256()} are known. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flushRowGroup();
      file.end(footerMetadata);
    } finally {
      codecs.release();
      out.closeStream(); // closed by file.end, unless that failed: the task then deletes the partial file
    }
  }

  public long sizeBytes() {
    return out.stream().getPos();
  }

  public String sha256() {
    return out.stream().sha256();
  }

  /**
   * The Parquet schema Spark's writer uses for {@code schema}: Spark's own converter, with the
   * session defaults a fresh SQLConf has (the standard, non-legacy list layout).
   */
  static MessageType parquetSchema(StructType schema) {
    return new SparkToParquetSchemaConverter(new SQLConf()).convert(schema);
  }

  private static int leadingScalars(StructType schema) {
    StructField[] fields = schema.fields();
    int n = 0;
    while (n < fields.length && !(fields[n].dataType() instanceof ArrayType)) {
      n++;
    }
    return n;
  }

  private void startRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, scalarSchema, PROPS.getAllocator(),
        PROPS.getColumnIndexTruncateLength(), PROPS.getPageWriteChecksumEnabled(), null, 0);
    store = PROPS.newColumnWriteStore(scalarSchema, pages, pages);
    List<ColumnDescriptor> scalarLeaves = scalarSchema.getColumns();
    columns = new ColumnWriter[scalars];
    definedLevel = new int[scalars];
    for (int i = 0; i < scalars; i++) {
      columns[i] = store.getColumnWriter(scalarLeaves.get(i));
      definedLevel[i] = scalarLeaves.get(i).getMaxDefinitionLevel();
    }
    List<ColumnDescriptor> leaves = schema.getColumns();
    arrays = new ListColumnChunk[leaves.size() - scalars];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = new ListColumnChunk(leaves.get(scalars + i), listDomains[i], compressor, limits.pageValues(),
          limits.pageRows());
    }
  }

  private long bufferedSize() {
    long size = store.getBufferedSize();
    for (ListColumnChunk a : arrays) {
      size += a.bufferedSize();
    }
    return size;
  }

  private void flushRowGroup() throws IOException {
    long groupRows = rowGroupCheck.rows();
    if (groupRows > 0) {
      file.startBlock(groupRows);
      store.flush();
      pages.flushToFileWriter(file); // the scalar columns, then the arrays: schema order
      for (ListColumnChunk a : arrays) {
        a.writeTo(file);
      }
      file.endBlock();
      rowGroupCheck.flushed(Math.min(file.getNextRowGroupSize(), limits.rowGroupBytes()));
    }
  }
}
