package org.snnspark.preprocess.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.parquet.io.PositionOutputStream;
import org.snnspark.preprocess.dataset.HadoopFiles;
import org.snnspark.preprocess.dataset.ParquetFooters;

/**
 * The file's stream: hashes every byte as it reaches the file, and holds the last
 * {@link #HOLD} bytes back until {@link #close()}, where — parquet-mr writes the footer last, then
 * closes — the footer is made canonical ({@link ParquetFooters}) before it is written and hashed.
 * So the file and its SHA-256 are the same in every JVM, without reading the file again.
 */
final class DigestingStream extends PositionOutputStream {
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
