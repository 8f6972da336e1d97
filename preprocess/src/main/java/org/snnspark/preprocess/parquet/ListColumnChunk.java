package org.snnspark.preprocess.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;

/**
 * One row group's chunk of a list column of non-null int32 or float elements ({@code optional group
 * (LIST) {repeated group list {required element}}}, FrameSchema's arrays), encoded as parquet-mr's
 * default writer encodes it: v1 data pages of RLE repetition and definition levels and
 * PLAIN_DICTIONARY ids (RLE / bit-packing hybrid), one PLAIN dictionary page, every page compressed
 * with the writer's codec, min / max / null-count statistics per page (the footer's column index
 * and chunk statistics come from them), pages ending at row ends.
 *
 * <p>Why not parquet-mr's column writer: it takes one value at a time through a dictionary hash
 * lookup, a fallback check, statistics and two level encoders, which made it most of a shard
 * task's time. Here a row's array goes in at once: levels are a few RLE runs per row (its
 * first element at repetition level 0, the rest at 1, all at definition level 2; an empty array is
 * one null at definition level 1), ids come from {@link IntDictionary}'s direct table, and pages
 * are bit-packed by parquet-mr's packers. Columns whose values are known to lie in {@code [0, domain)}
 * (time bins, channels, units) skip even that lookup: their dictionary is {@code 0, 1, .., max}, so
 * a value is its own id.
 */
final class ListColumnChunk {
  private final ColumnDescriptor column;
  private final boolean floats;
  private final CodecFactory.BytesCompressor compressor;
  private final int pageValues;
  private final int pageRows;
  private final int elementLevel;
  /** Values of an identity-coded column lie in [0, domain); 0 for other columns. */
  private final int domain;
  /** The largest value of an identity-coded column so far: its dictionary is 0..maxIdentity. */
  private int maxIdentity = -1;
  private final IntDictionary dictionary = new IntDictionary();
  private final List<Page> pages = new ArrayList<>();
  private long pagesBytes;
  private long entries;

  // the page being filled
  private final RleHybrid repetition = new RleHybrid(1);
  private final RleHybrid definition;
  /** The open page's ids, encoded when it ends (one buffer for all pages). */
  private final RleHybrid idBytes = new RleHybrid(0);
  private int[] ids = new int[1024];
  private int values;
  private int rows;
  private int nulls;
  private int minInt;
  private int maxInt;
  private float minFloat;
  private float maxFloat;

  private record Page(byte[] bytes, int uncompressedSize, int entries, int rows, Statistics<?> stats,
      Encoding encoding) {}

  /**
   * @param domain for an int32 column whose values all lie in {@code [0, domain)}: that bound, and
   *     values are their own dictionary ids; 0 for any other column (ids by first occurrence)
   * @param pageValues values after which a page ends (at the end of the row that reaches it)
   * @param pageRows rows after which a page ends
   */
  ListColumnChunk(ColumnDescriptor column, int domain, CodecFactory.BytesCompressor compressor, int pageValues,
      int pageRows) {
    if (column.getMaxRepetitionLevel() != 1 || column.getMaxDefinitionLevel() != 2) {
      throw new IllegalArgumentException(column + " is not a nullable list of required elements");
    }
    this.column = column;
    this.floats = switch (column.getPrimitiveType().getPrimitiveTypeName()) {
      case INT32 -> false;
      case FLOAT -> true;
      default -> throw new IllegalArgumentException(column + " holds neither int32 nor float");
    };
    this.compressor = compressor;
    this.pageValues = pageValues;
    this.pageRows = pageRows;
    this.elementLevel = column.getMaxDefinitionLevel();
    if (domain < 0 || (domain > 0 && floats)) {
      throw new IllegalArgumentException("domain " + domain + " for " + column);
    }
    this.domain = domain;
    this.definition = new RleHybrid(RleHybrid.bitWidth(elementLevel));
  }

  /** Appends one row's array of int32 elements (of an identity-coded column: all in [0, domain)). */
  void add(int[] row) {
    add(row, row.length);
  }

  /** Appends {@code row[0..n)} as one row's array; see {@link #add(int[])}. */
  void add(int[] row, int n) {
    if (n > 0) {
      reserve(n);
      int min = values == 0 ? row[0] : minInt;
      int max = values == 0 ? row[0] : maxInt;
      for (int k = 0; k < n; k++) {
        min = Math.min(min, row[k]);
        max = Math.max(max, row[k]);
      }
      minInt = min;
      maxInt = max;
      if (domain > 0) {
        if (min < 0 || max >= domain) {
          throw new IllegalArgumentException(column + ": value " + (min < 0 ? min : max) + " outside 0.." + (domain - 1));
        }
        System.arraycopy(row, 0, ids, values, n);
        maxIdentity = Math.max(maxIdentity, max);
      } else {
        int[] out = ids;
        int at = values;
        for (int k = 0; k < n; k++) {
          out[at++] = dictionary.id(row[k]);
        }
      }
    }
    endRow(n);
  }

  /** Appends one row's array of float elements (dictionary keys: their bits). */
  void add(float[] row) {
    int n = row.length;
    if (n > 0) {
      reserve(n);
      int at = values;
      if (at == 0) {
        minFloat = row[0];
        maxFloat = row[0];
      }
      for (float v : row) {
        ids[at++] = dictionary.id(Float.floatToRawIntBits(v));
        // compared as parquet-mr's FloatStatistics compares
        if (v < minFloat) {
          minFloat = v;
        }
        if (v > maxFloat) {
          maxFloat = v;
        }
      }
    }
    endRow(n);
  }

  private void reserve(int n) {
    if (values + n > ids.length) {
      ids = java.util.Arrays.copyOf(ids, Math.max(2 * ids.length, values + n));
    }
  }

  private void endRow(int n) {
    repetition.run(0, 1);
    if (n == 0) {
      definition.run(elementLevel - 1, 1);
      nulls++;
      entries++;
    } else {
      repetition.run(1, n - 1);
      definition.run(elementLevel, n);
      entries += n;
    }
    values += n;
    rows++;
    if (values >= pageValues || rows >= pageRows) {
      endPage();
    }
  }

  /** Bytes buffered for this chunk so far (compressed pages, and 4 per value of the open page). */
  long bufferedSize() {
    return pagesBytes + 4L * values + rows;
  }

  private void endPage() {
    if (rows == 0) {
      return;
    }
    boolean dictionaryIds = values > 0;
    int bitWidth = dictionaryIds ? RleHybrid.bitWidth(dictionarySize() - 1) : 0;
    idBytes.reset(bitWidth);
    if (dictionaryIds) {
      idBytes.encode(ids, values);
    }
    int rl = repetition.length();
    int dl = definition.length();
    int vl = dictionaryIds ? 1 + idBytes.length() : 0; // the ids' bit width, then the ids
    byte[] raw = new byte[4 + rl + 4 + dl + vl];
    putIntLittleEndian(raw, 0, rl);
    repetition.copyTo(raw, 4);
    putIntLittleEndian(raw, 4 + rl, dl);
    definition.copyTo(raw, 8 + rl);
    if (dictionaryIds) {
      raw[8 + rl + dl] = (byte) bitWidth;
      idBytes.copyTo(raw, 9 + rl + dl);
    }
    byte[] compressed = compress(raw);
    Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
    if (values > 0) {
      if (floats) {
        stats.updateStats(minFloat);
        stats.updateStats(maxFloat);
      } else {
        stats.updateStats(minInt);
        stats.updateStats(maxInt);
      }
    }
    stats.incrementNumNulls(nulls);
    pages.add(new Page(compressed, raw.length, values + nulls, rows, stats,
        dictionaryIds ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN));
    pagesBytes += compressed.length;
    repetition.reset();
    definition.reset();
    values = 0;
    rows = 0;
    nulls = 0;
  }

  private int dictionarySize() {
    return domain > 0 ? maxIdentity + 1 : dictionary.size();
  }

  private static int[] identity(int n) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return v;
  }

  private byte[] compress(byte[] raw) {
    try {
      return compressor.compress(BytesInput.from(raw)).toByteArray(); // a copy: the compressor reuses its buffer
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void putIntLittleEndian(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  /** Writes the chunk (dictionary page first, then the data pages) into the file's current row group. */
  void writeTo(ParquetFileWriter file) throws IOException {
    endPage();
    file.startColumn(column, entries, compressor.getCodecName());
    if (dictionarySize() > 0) {
      byte[] raw = domain > 0 ? IntDictionary.plainBytes(identity(maxIdentity + 1), maxIdentity + 1) : dictionary.plainBytes();
      file.writeDictionaryPage(new DictionaryPage(BytesInput.from(compress(raw)), raw.length, dictionarySize(),
          Encoding.PLAIN_DICTIONARY));
    }
    for (Page p : pages) {
      file.writeDataPage(p.entries(), p.uncompressedSize(), BytesInput.from(p.bytes()), p.stats(), p.rows(),
          Encoding.RLE, Encoding.RLE, p.encoding(), null, null);
    }
    file.endColumn();
  }
}
