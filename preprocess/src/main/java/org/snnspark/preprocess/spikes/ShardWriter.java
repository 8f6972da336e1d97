package org.snnspark.preprocess.spikes;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
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
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.dataset.ParquetFooters;

/**
 * Writes one shard's rows ({@link FrameSchema}) as a Parquet file through parquet-mr's file writer,
 * inside the task that read and binned them: no Spark SQL rows, encoders or shuffle in between.
 *
 * <p>The file is the one Spark's writer would make in all that readers see: the Parquet schema
 * Spark derives from {@link FrameSchema} (standard 3-level lists), Spark's footer metadata
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
final class ShardWriter implements AutoCloseable {
  /** Footer key under which Spark keeps a file's Spark schema (ParquetReadSupport.SPARK_METADATA_KEY). */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
  /** Footer key with the writing Spark's version (Spark's SPARK_VERSION_METADATA_KEY). */
  static final String SPARK_VERSION_KEY = "org.apache.spark.version";

  /** parquet-mr's defaults, as ParquetWriter's builder (and so Spark's writer, unconfigured) has them. */
  private static final ParquetProperties PROPS = ParquetProperties.builder().build();
  /** The scalar columns: the first fields of {@link FrameSchema}; the arrays follow them. */
  private static final int SCALARS = 8;

  /** Sizes at which row groups and pages end. */
  record Limits(long rowGroupBytes, int pageValues, int pageRows) {
    /** parquet-mr's: 128 MB row groups; 1 MB pages (dictionary ids buffered as 4 bytes each), 20,000 rows. */
    static final Limits DEFAULT = new Limits(ParquetWriter.DEFAULT_BLOCK_SIZE, PROPS.getPageSizeThreshold() / 4,
        PROPS.getPageRowCountLimit());
  }

  private final DigestingFile out;
  private final MessageType schema;
  private final MessageType scalarSchema;
  private final Map<String, String> footerMetadata;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final int nSteps;
  private final int nChannels;
  private final boolean events;
  private final Limits limits;
  private final RowGroupCheck rowGroupCheck;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private Columns columns;
  private ListColumnChunk[] arrays;
  private long rows;
  private boolean closed;

  /**
   * Creates {@code path} (which must not exist).
   *
   * @param events whether rows carry the events columns (EVENTS mode)
   */
  ShardWriter(Configuration conf, Path path, int nSteps, int nChannels, boolean events) throws IOException {
    this(conf, path, nSteps, nChannels, events, Limits.DEFAULT);
  }

  ShardWriter(Configuration conf, Path path, int nSteps, int nChannels, boolean events, Limits limits)
      throws IOException {
    StructType sparkSchema = FrameSchema.schema(events);
    this.schema = parquetSchema(sparkSchema);
    this.scalarSchema = new MessageType(schema.getName(), schema.getFields().subList(0, SCALARS));
    // a HashMap as parquet-mr's record writer has it: the footer lists the pairs in its iteration order
    this.footerMetadata = new HashMap<>();
    footerMetadata.put(SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT());
    footerMetadata.put(SPARK_SCHEMA_KEY, sparkSchema.json());
    this.nSteps = nSteps;
    this.nChannels = nChannels;
    this.events = events;
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

  /** Appends one (valid) sample's row. */
  void write(SampleRecord r) throws IOException {
    Columns c = columns;
    string(c.sampleId, r.sampleId);
    c.label.write(r.label, 0, 0);
    string(c.labelName, r.labelName);
    if (r.speaker != null) {
      c.speaker.write(r.speaker.intValue(), 0, 1);
    } else {
      c.speaker.writeNull(0, 0);
    }
    string(c.sourceFile, r.sourceFile);
    c.sourceIndex.write(r.sourceIndex, 0, 0);
    c.nSteps.write(nSteps, 0, 0);
    c.nChannels.write(nChannels, 0, 0);
    store.endRecord();
    FrameBuffer f = r.frame;
    arrays[0].add(f.time, f.entries);
    arrays[1].add(f.channel, f.entries);
    arrays[2].add(f.count, f.entries);
    if (events) {
      arrays[3].add(r.eventTime);
      arrays[4].add(r.eventChannel);
    }
    rows++;
    if (rowGroupCheck.full(bufferedSize())) {
      flushRowGroup();
      startRowGroup();
    }
  }

  long rows() {
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

  long sizeBytes() {
    return out.stream.getPos();
  }

  String sha256() {
    return out.stream.sha256();
  }

  /**
   * The Parquet schema Spark's writer uses for {@code schema}: Spark's own converter, with the
   * session defaults a fresh SQLConf has (the standard, non-legacy list layout).
   */
  static MessageType parquetSchema(StructType schema) {
    return new SparkToParquetSchemaConverter(new SQLConf()).convert(schema);
  }

  private void startRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, scalarSchema, PROPS.getAllocator(),
        PROPS.getColumnIndexTruncateLength(), PROPS.getPageWriteChecksumEnabled(), null, 0);
    store = PROPS.newColumnWriteStore(scalarSchema, pages, pages);
    columns = new Columns(store, scalarSchema);
    List<ColumnDescriptor> leaves = schema.getColumns();
    arrays = new ListColumnChunk[leaves.size() - SCALARS];
    // the arrays, in schema order, and the range their values are known to lie in (0: unknown)
    int[] domains = {nSteps, nChannels, 0, 0, 0};
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = new ListColumnChunk(leaves.get(SCALARS + i), domains[i], compressor, limits.pageValues(),
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

  private static void string(ColumnWriter w, String value) {
    if (value == null) {
      w.writeNull(0, 0);
    } else {
      w.write(Binary.fromString(value), 0, 1);
    }
  }

  /** The column writers of one row group's scalar columns, by field. */
  private static final class Columns {
    final ColumnWriter sampleId;
    final ColumnWriter label;
    final ColumnWriter labelName;
    final ColumnWriter speaker;
    final ColumnWriter sourceFile;
    final ColumnWriter sourceIndex;
    final ColumnWriter nSteps;
    final ColumnWriter nChannels;

    Columns(ColumnWriteStore store, MessageType scalarSchema) {
      List<ColumnDescriptor> leaves = scalarSchema.getColumns();
      int i = 0;
      sampleId = store.getColumnWriter(leaves.get(i++));
      label = store.getColumnWriter(leaves.get(i++));
      labelName = store.getColumnWriter(leaves.get(i++));
      speaker = store.getColumnWriter(leaves.get(i++));
      sourceFile = store.getColumnWriter(leaves.get(i++));
      sourceIndex = store.getColumnWriter(leaves.get(i++));
      nSteps = store.getColumnWriter(leaves.get(i++));
      nChannels = store.getColumnWriter(leaves.get(i));
    }
  }

  /**
   * When a row group is full: parquet-mr's record writer's rule (InternalParquetRecordWriter 1.13:
   * the buffered size is checked now and then, at a row count estimated from the bytes per row so
   * far, and the group is flushed within about two rows of the target size).
   */
  static final class RowGroupCheck {
    private final ParquetProperties props;
    private final long threshold;
    private long nextRowGroupSize;
    private long rows;
    private long rowsForNextCheck;

    RowGroupCheck(ParquetProperties props, long threshold) {
      this.props = props;
      this.threshold = threshold;
      this.nextRowGroupSize = threshold;
      this.rowsForNextCheck = props.getMinRowCountForPageSizeCheck();
    }

    /** Rows in the current group. */
    long rows() {
      return rows;
    }

    /** Counts a row just written; whether the group, of {@code memSize} bytes, is to be flushed now. */
    boolean full(long memSize) {
      rows++;
      if (rows < rowsForNextCheck) {
        return false;
      }
      long rowSize = memSize / rows;
      if (memSize > nextRowGroupSize - 2 * rowSize) {
        // parquet-mr computes max(min, recordCount / 2) after its flush has reset recordCount to 0
        rowsForNextCheck = Math.min(props.getMinRowCountForPageSizeCheck(), props.getMaxRowCountForPageSizeCheck());
        return true;
      }
      rowsForNextCheck = Math.min(
          Math.max(props.getMinRowCountForPageSizeCheck(), (rows + (long) (nextRowGroupSize / ((float) rowSize))) / 2),
          rows + props.getMaxRowCountForPageSizeCheck());
      return false;
    }

    /** The group was written; the next may hold {@code nextRowGroupSize} bytes. */
    void flushed(long nextRowGroupSize) {
      this.nextRowGroupSize = nextRowGroupSize;
      rows = 0;
    }
  }

  /** A Hadoop file created for parquet-mr, hashing every byte written to it. */
  private static final class DigestingFile implements OutputFile {
    private static final int BUFFER_SIZE = 4096;
    private final FileSystem fs;
    private final Path path;
    private DigestingStream stream;

    DigestingFile(FileSystem fs, Path path) {
      this.fs = fs;
      this.path = path;
    }

    // as parquet-mr's HadoopOutputFile: blocks of at least the row-group size (HDFS charges a file
    // being written a whole block against quotas)
    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return open(false, blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return open(true, blockSizeHint);
    }

    private PositionOutputStream open(boolean overwrite, long blockSizeHint) throws IOException {
      stream = new DigestingStream(fs.create(path, overwrite, BUFFER_SIZE, fs.getDefaultReplication(path),
          Math.max(fs.getDefaultBlockSize(path), blockSizeHint)));
      return stream;
    }

    void closeStream() throws IOException {
      if (stream != null) {
        stream.close();
      }
    }

    @Override
    public boolean supportsBlockSize() {
      return true; // as Hadoop's own OutputFile: row groups are aligned to the filesystem's blocks
    }

    @Override
    public long defaultBlockSize() {
      return fs.getDefaultBlockSize(path);
    }

    @Override
    public String getPath() {
      return path.toString();
    }
  }

  /**
   * The file's stream: hashes every byte as it reaches the file, and holds the last
   * {@link #HOLD} bytes back until {@link #close()}, where — parquet-mr writes the footer last, then
   * closes — the footer is made canonical ({@link ParquetFooters}) before it is written and hashed.
   * So the file and its SHA-256 are the same in every JVM, without reading the file again.
   */
  static final class DigestingStream extends PositionOutputStream {
    /** Bytes held back: the footer must fit (about 3 KB for one row group here, some 1.5 KB more a further one). */
    static final int HOLD = 1 << 20;
    private final OutputStream out;
    private final MessageDigest md = HadoopFiles.newSha256();
    private final int hold;
    /** The bytes not yet passed on, from the start; up to 2 * hold before the oldest are passed on. */
    private final byte[] held;
    private int heldLen;
    private long pos;
    private boolean closed;
    private String sha256;

    DigestingStream(OutputStream out) {
      this(out, HOLD);
    }

    DigestingStream(OutputStream out, int hold) {
      this.out = out;
      this.hold = hold;
      this.held = new byte[2 * hold];
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void write(int b) throws IOException {
      if (heldLen < held.length) {
        held[heldLen++] = (byte) b;
        pos++;
      } else {
        write(new byte[] {(byte) b}, 0, 1);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      pos += len;
      if (heldLen + len > held.length) {
        // pass on all but the last `hold` bytes of what is held and what comes
        int excess = heldLen + len - hold;
        int fromHeld = Math.min(excess, heldLen);
        emit(held, 0, fromHeld);
        System.arraycopy(held, fromHeld, held, 0, heldLen - fromHeld);
        heldLen -= fromHeld;
        int fromB = excess - fromHeld;
        emit(b, off, fromB);
        off += fromB;
        len -= fromB;
      }
      System.arraycopy(b, off, held, heldLen, len);
      heldLen += len;
    }

    private void emit(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      md.update(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush(); // the held bytes stay: the file is not a Parquet file before close anyway
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        canonicalizeFooter();
        emit(held, 0, heldLen);
        heldLen = 0;
      } finally {
        out.close();
      }
      sha256 = HexFormat.of().formatHex(md.digest());
    }

    /** Replaces the footer at the end of the held bytes by its canonical form, if it is not. */
    private void canonicalizeFooter() throws IOException {
      if (heldLen < ParquetFooters.TAIL || pos < 12) {
        return; // not a whole Parquet file (a write failed): left as it is
      }
      int len = ParquetFooters.footerLength(held, heldLen - ParquetFooters.TAIL);
      if (len < 0 || len > pos - 12) {
        return;
      }
      if (len > heldLen - ParquetFooters.TAIL) {
        throw new IOException("the Parquet footer of " + len + " bytes is larger than the " + hold
            + " bytes held back to make it canonical");
      }
      int start = heldLen - ParquetFooters.TAIL - len;
      byte[] canonical = ParquetFooters.canonical(held, start, len);
      if (canonical != null) {
        System.arraycopy(canonical, 0, held, start, len);
      }
    }

    String sha256() {
      if (sha256 == null) {
        throw new IllegalStateException("the shard is not closed yet");
      }
      return sha256;
    }
  }
}
