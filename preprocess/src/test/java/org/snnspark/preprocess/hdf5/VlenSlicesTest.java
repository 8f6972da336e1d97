package org.snnspark.preprocess.hdf5;

import static org.junit.jupiter.api.Assertions.*;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.Fixtures;

/** The spikes decoded from the heap objects are what jhdf's own slices give, value for value. */
class VlenSlicesTest {
  @Test
  void h5pyAndSyntheticFilesReadAsJhdfReadsThem(@TempDir Path tmp) throws Exception {
    List<Path> files = new ArrayList<>();
    files.add(Fixtures.h5pyShd().resolve("shd_train.h5")); // h5py's layout, an empty sample among them
    files.add(Fixtures.h5pyShd().resolve("shd_test.h5"));
    files.addAll(new SyntheticShdGenerator(SyntheticShdConfig.defaults().withSamples(90, 30)).generate(tmp));
    for (Path file : files) {
      try (SpikeH5Reader r = new SpikeH5Reader(file, file.toString())) {
        assertTrue(r.readsSlicesItself(), file + ": contiguous vlen float16 / uint16 spikes");
        long n = r.numSamples();
        // blocks of several sizes, so that slices start and end inside heap collections
        for (int block : new int[] {1, 7, 16, (int) n}) {
          for (long off = 0; off < n; off += block) {
            int count = (int) Math.min(block, n - off);
            SpikeH5Reader.Block fast = r.read(off, count);
            SpikeH5Reader.Block jhdf = r.readThroughJhdf(off, count);
            assertEquals(count, fast.size());
            for (int i = 0; i < count; i++) {
              String what = file.getFileName() + " sample " + (off + i);
              assertArrayEquals(jhdf.times()[i], fast.times()[i], what); // bit for bit (NaN, -0 too)
              assertArrayEquals(jhdf.units()[i], fast.units()[i], what);
            }
            assertBitsAre(jhdf, r.readHalves(off, count));
          }
        }
      }
    }
  }

  @Test
  void everyFloat16IsConvertedAsJhdfConvertsIt(@TempDir Path tmp) throws Exception {
    // one sample holding all 65,536 bit patterns (NaNs, infinities, -0, subnormals), one unit each
    short[] all = new short[1 << 16];
    int[] units = new int[all.length];
    for (int h = 0; h < all.length; h++) {
      all[h] = (short) h;
      units[h] = h;
    }
    Path file = tmp.resolve("all.h5");
    try (ShdH5Writer w = new ShdH5Writer(file, 1)) {
      w.writeSpikes(0, new short[][] {all}, new int[][] {units});
      w.writeLabels(new int[] {0});
    }
    try (SpikeH5Reader r = new SpikeH5Reader(file, file.toString())) {
      assertTrue(r.readsSlicesItself());
      SpikeH5Reader.Block fast = r.read(0, 1);
      assertArrayEquals(r.readThroughJhdf(0, 1).times()[0], fast.times()[0]);
      assertArrayEquals(units, fast.units()[0], "uint16 units, 32768 and above included");
      assertBitsAre(r.readThroughJhdf(0, 1), r.readHalves(0, 1)); // Float16.toFloat is jhdf's conversion
    }
  }

  @Test
  void otherDatasetsAreLeftToJhdf() throws Exception {
    try (HdfFile hdf = new HdfFile(Fixtures.h5pyShd().resolve("shd_train.h5"))) {
      assertNull(VlenSlices.of(hdf.getDatasetByPath(SpikeH5Reader.LABELS), hdf.getHdfBackingStorage(), false),
          "not variable-length");
      assertNull(VlenSlices.of(hdf.getDatasetByPath(SpikeH5Reader.TIMES), hdf.getHdfBackingStorage(), false),
          "float16 asked for as integers");
      assertNull(VlenSlices.of(hdf.getDatasetByPath(SpikeH5Reader.UNITS), hdf.getHdfBackingStorage(), true),
          "integers asked for as float16");
    }
  }

  @Test
  void aFlippedByteAnywhereGivesJhdfsValuesOrANamedError(@TempDir Path tmp) throws Exception {
    byte[] good = Files.readAllBytes(Fixtures.h5pyShd().resolve("shd_train.h5"));
    Path file = tmp.resolve("flipped.h5");
    int compared = 0;
    for (int pos = 0; pos < good.length; pos += 5) {
      byte[] bad = good.clone();
      bad[pos] ^= (byte) 0xff;
      Files.write(file, bad);
      SpikeH5Reader.Block fast;
      try (SpikeH5Reader r = new SpikeH5Reader(file, "flipped.h5")) {
        int n = (int) r.numSamples();
        try {
          fast = r.read(0, n);
        } catch (SpikeDataException e) {
          assertTrue(e.getMessage().startsWith("flipped.h5: "), e.getMessage());
          continue;
        }
        SpikeH5Reader.Block jhdf;
        try {
          jhdf = r.readThroughJhdf(0, n);
        } catch (SpikeDataException e) {
          continue; // e.g. jhdf checks the heap address of an empty sample, which is never read
        }
        for (int i = 0; i < n; i++) {
          assertArrayEquals(jhdf.times()[i], fast.times()[i], "byte " + pos + ", sample " + i);
          assertArrayEquals(jhdf.units()[i], fast.units()[i], "byte " + pos + ", sample " + i);
        }
        compared++;
      } catch (SpikeDataException e) {
        continue; // not openable at all: the reader's own checks, covered elsewhere
      }
    }
    assertTrue(compared > good.length / 10, "most flips leave the spikes readable: " + compared);
  }

  /** The undecoded block's bits are the float16 and 16-bit values jhdf decodes. */
  private static void assertBitsAre(SpikeH5Reader.Block jhdf, HalfBlock halves) {
    assertEquals(jhdf.size(), halves.size());
    for (int i = 0; i < halves.size(); i++) {
      short[] t = new short[halves.timesLength(i) + 3]; // room to spare: only the sample's are written
      short[] u = new short[halves.unitsLength(i) + 3];
      halves.timeBits(i, t);
      halves.unitBits(i, u);
      assertEquals(jhdf.times()[i].length, halves.timesLength(i));
      assertEquals(jhdf.units()[i].length, halves.unitsLength(i));
      for (int k = 0; k < halves.timesLength(i); k++) {
        assertEquals(Float.floatToRawIntBits(jhdf.times()[i][k]), Float.floatToRawIntBits(Float16.toFloat(t[k])));
        assertEquals(jhdf.units()[i][k], halves.signedUnits() ? u[k] : u[k] & 0xffff);
      }
      assertEquals(0, t[halves.timesLength(i)]);
    }
  }
}
