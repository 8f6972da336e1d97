package org.snnspark.preprocess.parquet;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/** {@link RleHybrid} streams decode, with parquet-mr's decoder, to the values encoded. */
class RleHybridTest {
  @Test
  void valuesWithAndWithoutRunsDecodeToThemselves() throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int bitWidth : new int[] {0, 1, 2, 7, 10, 17}) {
      for (int n : new int[] {1, 7, 8, 9, 100, 5000}) {
        int[] values = new int[n];
        for (int i = 0; i < n; ) {
          // a run of up to 40 equal values, or a single one
          int v = bitWidth == 0 ? 0 : rnd.nextInt(1 << bitWidth);
          int len = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(40) : 1;
          for (int k = 0; k < len && i < n; k++) {
            values[i++] = v;
          }
        }
        RleHybrid e = new RleHybrid(bitWidth);
        e.encode(values, n);
        assertArrayEquals(values, decode(e, bitWidth, n), "bit width " + bitWidth + ", " + n + " values");
      }
    }
  }

  @Test
  void streamsAreByteForByteParquetMrs() throws Exception {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int trial = 0; trial < 3000; trial++) {
      int bitWidth = 1 + rnd.nextInt(12);
      int n = 1 + rnd.nextInt(trial % 10 == 0 ? 40 : 3000);
      int[] values = new int[n];
      // runs of every length around 8 (where RLE starts), at any offset from the 8-value groups
      int longest = 1 + rnd.nextInt(trial % 3 == 0 ? 4 : 40);
      for (int i = 0; i < n; ) {
        int v = rnd.nextInt(1 << Math.min(bitWidth, 1 + rnd.nextInt(4)));
        int len = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(longest) : 1;
        for (int k = 0; k < len && i < n; k++) {
          values[i++] = v;
        }
      }
      RleHybrid e = new RleHybrid(bitWidth);
      e.encode(values, n);
      byte[] ours = new byte[e.length()];
      e.copyTo(ours, 0);
      RunLengthBitPackingHybridEncoder parquet = new RunLengthBitPackingHybridEncoder(bitWidth, 64, 1 << 20,
          new HeapByteBufferAllocator());
      for (int v : values) {
        parquet.writeInt(v);
      }
      assertArrayEquals(parquet.toBytes().toByteArray(), ours, "bit width " + bitWidth + ": " + java.util.Arrays.toString(values));
    }
  }

  @Test
  void runsOfWholeRowsMerge() throws Exception {
    RleHybrid levels = new RleHybrid(1);
    int[] expected = {0, 1, 1, 0, 0, 1, 0, 1, 1, 1};
    levels.run(0, 1);
    levels.run(1, 2);
    levels.run(0, 1);
    levels.run(1, 0); // a one-element row
    levels.run(0, 1);
    levels.run(1, 1);
    levels.run(0, 1);
    levels.run(1, 3);
    assertArrayEquals(expected, decode(levels, 1, expected.length));
    assertEquals(12, levels.length(), "6 runs of 2 bytes: the two rows starting at 0 make one run");
  }

  private static int[] decode(RleHybrid e, int bitWidth, int n) throws Exception {
    byte[] bytes = new byte[e.length()];
    e.copyTo(bytes, 0);
    RunLengthBitPackingHybridDecoder d = new RunLengthBitPackingHybridDecoder(bitWidth, new ByteArrayInputStream(bytes));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = d.readInt();
    }
    return out;
  }
}
