package org.snnspark.preprocess.spikes;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.snnspark.preprocess.dataset.FrameSchema;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.dataset.ParquetFooters;

/**
 * Writes one shard's rows ({@link FrameSchema}) as a Parquet file straight through parquet-mr, the
 * library Spark's own Parquet writer is built on, inside the task that read and binned them: no
 * Spark SQL rows, encoders or shuffle in between.
 *
 * <p>The file is what Spark writes for the same rows: the Parquet schema Spark derives from
 * {@link FrameSchema} (standard 3-level lists), the same parquet-mr writer and defaults (snappy,
 * dictionary encoding, v1 pages, 128 MB row groups), the same record-consumer calls per row, and
 * Spark's footer metadata ({@code org.apache.spark.version} and the Spark schema as
 * {@code org.apache.spark.sql.parquet.row.metadata}), so Spark, pandas and DuckDB read it as before —
 * but with a canonical footer ({@link ParquetFooters}: each column chunk's encodings listed in
 * Thrift order, not in the order of parquet-mr's HashSet, which changes between JVMs), so that the
 * same rows give the same bytes in any JVM. The SHA-256 of the final bytes is computed while they
 * are written (no second read for the manifest).
 */
final class ShardWriter implements AutoCloseable {
  /** Footer key under which Spark keeps a file's Spark schema (ParquetReadSupport.SPARK_METADATA_KEY). */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
  /** Footer key with the writing Spark's version (Spark's SPARK_VERSION_METADATA_KEY). */
  static final String SPARK_VERSION_KEY = "org.apache.spark.version";

  private final DigestingFile out;
  private final ParquetWriter<SampleRecord> writer;
  private long rows;

  /**
   * Creates {@code path} (which must not exist).
   *
   * @param events whether rows carry the events columns (EVENTS mode)
   */
  ShardWriter(Configuration conf, Path path, int nSteps, int nChannels, boolean events) throws IOException {
    StructType schema = FrameSchema.schema(events);
    this.out = new DigestingFile(path.getFileSystem(conf), path);
    this.writer = new Builder(out, new RowWriteSupport(schema, nSteps, nChannels, events))
        .withConf(conf)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build();
  }

  /** Appends one (valid) sample's row. */
  void write(SampleRecord r) throws IOException {
    writer.write(r);
    rows++;
  }

  long rows() {
    return rows;
  }

  /** Closes the file; then {@link #sizeBytes()} and {@link #sha256()} are known. */
  @Override
  public void close() throws IOException {
    writer.close();
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

  /** Writes a {@link SampleRecord} as a {@link FrameSchema} row, with the calls Spark's ParquetWriteSupport makes. */
  private static final class RowWriteSupport extends WriteSupport<SampleRecord> {
    private final StructType schema;
    private final int nSteps;
    private final int nChannels;
    private final boolean events;
    private RecordConsumer rc;

    RowWriteSupport(StructType schema, int nSteps, int nChannels, boolean events) {
      this.schema = schema;
      this.nSteps = nSteps;
      this.nChannels = nChannels;
      this.events = events;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      Map<String, String> meta = new HashMap<>();
      meta.put(SPARK_VERSION_KEY, org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT());
      meta.put(SPARK_SCHEMA_KEY, schema.json());
      return new WriteContext(parquetSchema(schema), meta);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.rc = recordConsumer;
    }

    @Override
    public void write(SampleRecord r) {
      rc.startMessage();
      int i = 0;
      string(i++, FrameSchema.SAMPLE_ID, r.sampleId);
      integer(i++, FrameSchema.LABEL, r.label);
      string(i++, FrameSchema.LABEL_NAME, r.labelName);
      if (r.speaker != null) {
        integer(i, FrameSchema.SPEAKER, r.speaker);
      }
      i++;
      string(i++, FrameSchema.SOURCE_FILE, r.sourceFile);
      rc.startField(FrameSchema.SOURCE_INDEX, i);
      rc.addLong(r.sourceIndex);
      rc.endField(FrameSchema.SOURCE_INDEX, i++);
      integer(i++, FrameSchema.N_STEPS, nSteps);
      integer(i++, FrameSchema.N_CHANNELS, nChannels);
      ints(i++, FrameSchema.SPIKE_TIME, r.time);
      ints(i++, FrameSchema.SPIKE_CHANNEL, r.channel);
      ints(i++, FrameSchema.SPIKE_COUNT, r.count);
      if (events) {
        floats(i++, FrameSchema.EVENT_TIME, r.eventTime);
        ints(i, FrameSchema.EVENT_CHANNEL, r.eventChannel);
      }
      rc.endMessage();
    }

    private void string(int index, String name, String value) {
      if (value != null) {
        rc.startField(name, index);
        rc.addBinary(Binary.fromString(value));
        rc.endField(name, index);
      }
    }

    private void integer(int index, String name, int value) {
      rc.startField(name, index);
      rc.addInteger(value);
      rc.endField(name, index);
    }

    private void ints(int index, String name, int[] values) {
      list(index, name, values.length, k -> rc.addInteger(values[k]));
    }

    private void floats(int index, String name, float[] values) {
      list(index, name, values.length, k -> rc.addFloat(values[k]));
    }

    /** A standard 3-level list of {@code n} non-null elements, each added by {@code element}. */
    private void list(int index, String name, int n, java.util.function.IntConsumer element) {
      rc.startField(name, index);
      rc.startGroup();
      if (n > 0) {
        rc.startField("list", 0);
        for (int k = 0; k < n; k++) {
          rc.startGroup();
          rc.startField("element", 0);
          element.accept(k);
          rc.endField("element", 0);
          rc.endGroup();
        }
        rc.endField("list", 0);
      }
      rc.endGroup();
      rc.endField(name, index);
    }
  }

  private static final class Builder extends ParquetWriter.Builder<SampleRecord, Builder> {
    private final WriteSupport<SampleRecord> support;

    Builder(OutputFile file, WriteSupport<SampleRecord> support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<SampleRecord> getWriteSupport(Configuration conf) {
      return support;
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
