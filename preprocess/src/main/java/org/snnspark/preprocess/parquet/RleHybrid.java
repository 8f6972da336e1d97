package org.snnspark.preprocess.parquet;

import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;

/**
 * Parquet's RLE / bit-packing hybrid encoding of small non-negative ints (levels, dictionary ids)
 * into a growable byte buffer, without the 4-byte length prefix. Runs of 8 or more equal values
 * become RLE runs; the rest is bit-packed 8 values at a time (parquet-mr's packers), at most 63
 * groups per run as parquet-mr writes them, so that every reader's limits are met; only the
 * stream's last group is padded, as the format allows.
 */
final class RleHybrid {
  private static final int MAX_GROUPS_PER_RUN = 63;
  private int bitWidth;
  private int byteWidth;
  private BytePacker packer;
  private final int[] lastGroup = new int[8];
  private byte[] buf = new byte[256];
  private int len;
  /** The RLE run being collected by {@link #run}, if runCount > 0. */
  private int runValue;
  private int runCount;

  RleHybrid(int bitWidth) {
    reset(bitWidth);
  }

  /** The bit width of ids 0..maxValue (0 for a single value). */
  static int bitWidth(int maxValue) {
    return 32 - Integer.numberOfLeadingZeros(maxValue);
  }

  /**
   * Appends {@code count} copies of {@code value} as RLE runs, merged with the previous call's when
   * the value is the same (levels of whole rows: one call per row, few runs per page).
   */
  void run(int value, int count) {
    if (count == 0) {
      return;
    }
    if (runCount > 0 && value == runValue) {
      runCount += count;
      return;
    }
    endRun();
    runValue = value;
    runCount = count;
  }

  private void endRun() {
    if (runCount > 0) {
      rle(runValue, runCount);
      runCount = 0;
    }
  }

  /**
   * Appends {@code values[0..n)}, the whole rest of the stream (its last group is padded). Every
   * maximal run of 8 or more equal values becomes an RLE run (less what it lends the literals
   * before it to fill their last group of 8); the rest is bit-packed.
   */
  void encode(int[] values, int n) {
    endRun();
    int literalsFrom = 0;
    // A run of 8 or more holds a whole aligned quad [4q, 4q + 4), so quads of unequal values are
    // passed over four values at a time; a quad of equal ones is extended to its maximal run. (A
    // value-by-value scan was most of the encoding of literal-heavy ids: channels, counts.)
    for (int q = 0; q + 3 < n; ) {
      int x = values[q];
      if (x != values[q + 1] || x != values[q + 2] || x != values[q + 3]) {
        q += 4;
        continue;
      }
      int i = q;
      while (i > 0 && values[i - 1] == x) {
        i--;
      }
      int j = q + 4;
      while (j < n && values[j] == x) {
        j++;
      }
      if (j - i >= 8) {
        // the literals before the run must fill whole groups: the run lends them the missing values
        int lend = (8 - (i - literalsFrom) % 8) % 8;
        if (j - i - lend >= 8) {
          pack(values, literalsFrom, i + lend);
          rle(x, j - i - lend);
          literalsFrom = j;
        }
      }
      q = (j + 3) & ~3; // the next quad after the run (values[j] differs from x)
    }
    pack(values, literalsFrom, n);
  }

  /** Bit-packed runs of values[from..to); a last group of fewer than 8 is padded with zeros. */
  private void pack(int[] values, int from, int to) {
    while (from < to) {
      int groups = Math.min(MAX_GROUPS_PER_RUN, (to - from + 7) / 8);
      ensure(5 + groups * bitWidth);
      varint((groups << 1) | 1);
      for (int g = 0; g < groups; g++, from += 8) {
        if (to - from >= 8) {
          packer.pack8Values(values, from, buf, len);
        } else {
          java.util.Arrays.fill(lastGroup, 0);
          System.arraycopy(values, from, lastGroup, 0, to - from);
          packer.pack8Values(lastGroup, 0, buf, len);
        }
        len += bitWidth;
      }
    }
  }

  private void rle(int value, int count) {
    ensure(5 + byteWidth);
    varint(count << 1);
    for (int b = 0; b < byteWidth; b++) {
      buf[len++] = (byte) (value >>> (8 * b));
    }
  }

  private void varint(int v) {
    while ((v & ~0x7f) != 0) {
      buf[len++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(2 * buf.length, len + more));
    }
  }

  /** The encoded bytes so far (ends any pending run). */
  int length() {
    endRun();
    return len;
  }

  /** Copies the encoded bytes to {@code out} at {@code off}; see {@link #length()}. */
  void copyTo(byte[] out, int off) {
    endRun();
    System.arraycopy(buf, 0, out, off, len);
  }

  /** Empties the buffer for the next page (keeping its capacity). */
  void reset() {
    len = 0;
    runCount = 0;
  }

  /** Empties the buffer for a stream of another bit width. */
  void reset(int bitWidth) {
    reset();
    if (bitWidth != this.bitWidth || packer == null) {
      this.bitWidth = bitWidth;
      this.byteWidth = (bitWidth + 7) / 8;
      this.packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
    }
  }
}
