package org.snnspark.preprocess.dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Canonical Parquet footers, so that the same rows give the same file in every JVM.
 *
 * <p>parquet-mr (1.13.1, under Spark's writer as under ours) collects a column chunk's encodings in
 * a {@code HashSet<Encoding>} ({@code ParquetFileWriter.startColumn}/{@code writeColumnChunk}) and
 * writes them in that set's iteration order ({@code ParquetMetadataConverter.toFormatEncodings}).
 * An enum constant's hash code is its identity hash, which differs from one JVM to the next, so the
 * footer's {@code ColumnMetaData.encodings} lists come out in varying order while rows, pages and
 * everything else stay the same. The canonical footer has every such list sorted by Thrift value.
 * Re-ordering a list of enums does not change its serialized length (Thrift compact protocol: the
 * same varints in another order), so the footer keeps its length and every offset in the file holds.
 */
public final class ParquetFooters {
  /** The file's last bytes after the footer: its length (4 bytes, little-endian) and {@code PAR1}. */
  public static final int TAIL = 8;
  private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
  private static final Comparator<Encoding> BY_VALUE = Comparator.comparingInt(Encoding::getValue);

  private ParquetFooters() {}

  /**
   * The length of the footer of a file whose last {@link #TAIL} bytes are {@code b[off..off+8)},
   * or -1 when the file does not end in a plain (unencrypted) footer.
   */
  public static int footerLength(byte[] b, int off) {
    if (!Arrays.equals(b, off + 4, off + 8, MAGIC, 0, 4)) {
      return -1;
    }
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
  }

  /**
   * The canonical form of the serialized footer (Thrift {@code FileMetaData}) in
   * {@code b[off..off+len)}: the same bytes but for the encoding lists, sorted, and of the same
   * length. Returns null when the footer is canonical already (or signed: a plaintext footer of an
   * encrypted file, which must not change).
   *
   * @throws IOException when the bytes are not a footer
   */
  public static byte[] canonical(byte[] b, int off, int len) throws IOException {
    FileMetaData md = Util.readFileMetaData(new ByteArrayInputStream(b, off, len));
    if (md.isSetEncryption_algorithm() || !sortEncodings(md)) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(len);
    Util.writeFileMetaData(md, out);
    byte[] canonical = out.toByteArray();
    if (canonical.length != len) {
      throw new IllegalStateException("the canonical Parquet footer has " + canonical.length
          + " bytes where parquet-mr wrote " + len);
    }
    return canonical;
  }

  /** Sorts every column chunk's encoding list by Thrift value; whether any changed. */
  static boolean sortEncodings(FileMetaData md) {
    boolean changed = false;
    for (RowGroup rg : md.isSetRow_groups() ? md.getRow_groups() : List.<RowGroup>of()) {
      for (ColumnChunk cc : rg.isSetColumns() ? rg.getColumns() : List.<ColumnChunk>of()) {
        ColumnMetaData cmd = cc.getMeta_data();
        if (cmd != null && cmd.isSetEncodings()) {
          List<Encoding> sorted = new ArrayList<>(cmd.getEncodings());
          sorted.sort(BY_VALUE);
          if (!sorted.equals(cmd.getEncodings())) {
            cmd.setEncodings(sorted);
            changed = true;
          }
        }
      }
    }
    return changed;
  }

  /**
   * Makes the footer of the Parquet file {@code p} canonical and returns the SHA-256 (lowercase
   * hex) of the file's final bytes. The file is read once; only when its footer was not canonical
   * is it written again, as a copy with the canonical footer that then replaces it — for files
   * written by another writer (Spark's), which cannot be changed before they reach the filesystem.
   */
  public static String canonicalizeAndHash(FileSystem fs, Path p) throws IOException {
    long size = fs.getFileStatus(p).getLen();
    byte[] footer = null;
    byte[] tail = new byte[TAIL];
    try (FSDataInputStream in = fs.open(p)) {
      if (size >= MAGIC.length + TAIL) {
        in.readFully(size - TAIL, tail);
        int len = footerLength(tail, 0);
        if (len > 0 && len <= size - MAGIC.length - TAIL) {
          byte[] original = new byte[len];
          in.readFully(size - TAIL - len, original);
          footer = canonical(original, 0, len);
        }
      }
    }
    if (footer == null) {
      return HadoopFiles.sha256(fs, p);
    }
    Path copy = new Path(p.getParent(), "." + p.getName() + ".canonical");
    MessageDigest md = HadoopFiles.newSha256();
    try (InputStream in = fs.open(p); OutputStream out = fs.create(copy, true)) {
      long body = size - TAIL - footer.length;
      byte[] buf = new byte[1 << 20];
      for (long done = 0; done < body; ) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, body - done));
        if (n < 0) {
          throw new IOException(p + " ended at " + done + " bytes, listed with " + size);
        }
        out.write(buf, 0, n);
        md.update(buf, 0, n);
        done += n;
      }
      for (byte[] part : new byte[][] {footer, tail}) {
        out.write(part);
        md.update(part);
      }
    }
    if (!fs.delete(p, false) || !fs.rename(copy, p)) {
      throw new IOException("cannot replace " + p + " by its copy with a canonical footer " + copy);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
