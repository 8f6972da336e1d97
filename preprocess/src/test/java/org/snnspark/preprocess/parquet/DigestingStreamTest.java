package org.snnspark.preprocess.parquet;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snnspark.preprocess.dataset.HadoopFiles;

/** {@link DigestingStream}: holding the tail back loses, reorders and misses no byte. */
class DigestingStreamTest {
  @Test
  void passesEveryByteOnInOrderAndHashesThem() throws IOException {
    Random rnd = new Random(7);
    for (int hold : new int[] {1, 5, 64}) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      DigestingStream s = new DigestingStream(sink, hold);
      for (int i = 0; i < 500; i++) {
        if (rnd.nextInt(3) == 0) {
          int b = rnd.nextInt(256);
          s.write(b);
          expected.write(b);
        } else {
          byte[] chunk = new byte[rnd.nextInt(300)];
          rnd.nextBytes(chunk);
          int off = chunk.length == 0 ? 0 : rnd.nextInt(chunk.length);
          s.write(chunk, off, chunk.length - off);
          expected.write(chunk, off, chunk.length - off);
        }
        assertEquals(expected.size(), s.getPos());
        assertTrue(expected.size() - sink.size() <= 2 * hold, "holds back at most 2 * hold bytes");
      }
      s.close();
      assertArrayEquals(expected.toByteArray(), sink.toByteArray(), "hold " + hold);
      assertEquals(HexFormat.of().formatHex(HadoopFiles.newSha256().digest(expected.toByteArray())), s.sha256());
    }
  }

  @Test
  void aFooterLargerThanWhatIsHeldBackFailsTheShard() throws IOException {
    DigestingStream s = new DigestingStream(new ByteArrayOutputStream(), 16);
    s.write(new byte[100]);
    s.write(new byte[] {50, 0, 0, 0, 'P', 'A', 'R', '1'}); // a 50-byte footer claimed
    IOException e = assertThrows(IOException.class, s::close);
    assertEquals("the Parquet footer of 50 bytes is larger than the 16 bytes held back to make it canonical", e.getMessage());
  }
}
