package org.snnspark.preprocess.hdf5;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.snnspark.preprocess.testutil.Fixtures;

/**
 * Spikes stored chunked and compressed read as the same samples as the contiguous original, in
 * slices of any size (jHDF 0.9.4 slices chunked variable-length datasets wrongly: most samples of
 * a slice came back as other samples' spikes).
 */
class ChunkedLayoutTest {
  @Test
  void chunkedFilesReadAsTheContiguousOriginal() throws Exception {
    Path original = Fixtures.h5pyShd().resolve("shd_train.h5");
    for (String variant : new String[] {"f16-gzip", "f32-gzip"}) {
      Path chunked = Fixtures.h5pyShdChunked(variant).resolve("shd_train.h5");
      try (SpikeH5Reader want = new SpikeH5Reader(original, "original");
          SpikeH5Reader got = new SpikeH5Reader(chunked, variant)) {
        assertEquals(variant.equals("f16-gzip"), got.readsSlicesItself(), variant + ": read from its heap ids");
        long n = want.numSamples();
        assertEquals(n, got.numSamples());
        assertArrayEquals(want.labels(), got.labels());
        for (int block : new int[] {1, 3, 16, (int) n}) {
          for (long off = 0; off < n; off += block) {
            int count = (int) Math.min(block, n - off);
            SpikeH5Reader.Block w = want.read(off, count);
            SpikeH5Reader.Block g = got.read(off, count);
            SpikeH5Reader.Block j = got.readThroughJhdf(off, count);
            for (int i = 0; i < count; i++) {
              String what = variant + ", block of " + block + ", sample " + (off + i);
              assertArrayEquals(w.times()[i], g.times()[i], what);
              assertArrayEquals(w.units()[i], g.units()[i], what);
              assertArrayEquals(w.times()[i], j.times()[i], what + " (through jHDF)");
              assertArrayEquals(w.units()[i], j.units()[i], what + " (through jHDF)");
            }
          }
        }
      }
    }
  }
}
