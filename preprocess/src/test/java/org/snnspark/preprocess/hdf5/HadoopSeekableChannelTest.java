package org.snnspark.preprocess.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;

/** The seekable adapter over Hadoop streams that lets jhdf read HDF5 in place. */
class HadoopSeekableChannelTest {
  @TempDir Path tmp;

  private HadoopSeekableChannel open(Path file, int block, int cached) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file.toUri());
    return new HadoopSeekableChannel(fs, fs.getFileStatus(p), block, cached);
  }

  @Test
  void readsAnyRangeAcrossBlocksAndCachesBlocks() throws Exception {
    byte[] data = new byte[5 * 4096 + 123];
    new Random(1).nextBytes(data);
    Path f = tmp.resolve("x.bin");
    Files.write(f, data);
    try (HadoopSeekableChannel ch = open(f, 4096, 2)) {
      assertEquals(data.length, ch.size());
      // a read spanning four blocks (0..3)
      ByteBuffer b = ByteBuffer.allocate(9000);
      ch.position(4000);
      assertEquals(9000, ch.read(b));
      assertArrayEquals(Arrays.copyOfRange(data, 4000, 13000), b.array());
      assertEquals(13000, ch.position());
      assertEquals(4, ch.fetches());
      // inside the two most recent blocks (2 and 3): served from the cache
      ch.position(8200);
      ByteBuffer c = ByteBuffer.allocate(100);
      ch.read(c);
      assertArrayEquals(Arrays.copyOfRange(data, 8200, 8300), c.array());
      assertEquals(4, ch.fetches());
      // block 0 was evicted: fetched again
      ch.position(10);
      ch.read(ByteBuffer.allocate(10));
      assertEquals(5, ch.fetches());
      // the short last block, then end of file
      ch.position(data.length - 50);
      ByteBuffer d = ByteBuffer.allocate(100);
      assertEquals(50, ch.read(d));
      assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
      assertThrows(NonWritableChannelException.class, () -> ch.write(ByteBuffer.allocate(1)));
      ch.close();
      assertFalse(ch.isOpen());
      assertThrows(ClosedChannelException.class, () -> ch.read(ByteBuffer.allocate(1)));
    }
  }

  @Test
  void jhdfReadsASpikeFileThroughItAsFromTheLocalFile() throws Exception {
    List<Path> files = new SyntheticShdGenerator(SyntheticShdConfig.defaults().withSamples(300, 2)
        .withChannels(64).withSeed(3)).generate(tmp);
    Path train = files.get(0);
    try (SpikeH5Reader local = new SpikeH5Reader(train, "local");
        SpikeH5Reader remote = new SpikeH5Reader(open(train, 4096, 8), "file://" + train)) {
      assertEquals(local.numSamples(), remote.numSamples());
      assertArrayEquals(local.labels(), remote.labels());
      assertArrayEquals(local.speakers(), remote.speakers());
      assertEquals(local.classNames(), remote.classNames());
      SpikeH5Reader.Block a = local.read(120, 90);
      SpikeH5Reader.Block b = remote.read(120, 90);
      for (int i = 0; i < a.size(); i++) {
        assertArrayEquals(a.times()[i], b.times()[i]);
        assertArrayEquals(a.units()[i], b.units()[i]);
      }
    }
  }
}
