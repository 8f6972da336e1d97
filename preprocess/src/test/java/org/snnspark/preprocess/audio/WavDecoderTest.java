package org.snnspark.preprocess.audio;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The strict WAV reader on hand-built files: every encoding it reads, every problem it names. */
class WavDecoderTest {

  /** A chunk: 4-byte id, little-endian size (declared; may lie), body, pad byte when odd. */
  private static byte[] chunk(String id, int declaredSize, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
    b.put(id.getBytes(StandardCharsets.ISO_8859_1)).putInt(declaredSize).put(body);
    return b.array();
  }

  private static byte[] chunk(String id, byte[] body) {
    return chunk(id, body.length, body);
  }

  private static byte[] fmt(int tag, int channels, int rate, int bits, int blockAlign) {
    return chunk("fmt ", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag)
        .putShort((short) channels).putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign)
        .putShort((short) bits).array());
  }

  /** RIFF/WAVE around the chunks, with the true size. */
  private static byte[] riff(byte[]... chunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] c : chunks) {
      body.writeBytes(c);
    }
    ByteBuffer b = ByteBuffer.allocate(12 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.size())
        .put("WAVE".getBytes(StandardCharsets.ISO_8859_1)).put(body.toByteArray());
    return b.array();
  }

  private static byte[] le(int bytesPerValue, long... values) {
    ByteBuffer b = ByteBuffer.allocate(bytesPerValue * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      for (int i = 0; i < bytesPerValue; i++) {
        b.put((byte) (v >> (8 * i)));
      }
    }
    return b.array();
  }

  private static String problem(byte[] wav) {
    return assertThrows(AudioDataException.class, () -> WavDecoder.decode(wav, "f.wav")).getProblem();
  }

  @Test
  void readsEveryPcmAndFloatSize() {
    PcmAudio u8 = WavDecoder.decode(riff(fmt(1, 1, 8000, 8, 1), chunk("data", le(1, 0, 128, 255, 64))), "u8");
    assertArrayEquals(new float[] {-1f, 0f, 127 / 128f, -0.5f}, u8.samples()[0]);
    assertEquals(8000, u8.sampleRate());
    assertEquals("WAV PCM 8-bit", u8.encoding());

    PcmAudio s16 = WavDecoder.decode(riff(fmt(1, 2, 16000, 16, 4), chunk("data", le(2, -32768, 32767, 1, -1))), "s16");
    assertArrayEquals(new float[] {-1f, 1 / 32768f}, s16.samples()[0]);
    assertArrayEquals(new float[] {32767 / 32768f, -1 / 32768f}, s16.samples()[1]);
    assertEquals(2, s16.channels());
    assertArrayEquals(new double[] {(-1 + 32767 / 32768.0) / 2, 0}, s16.mono(false));
    assertArrayEquals(new double[] {-1, 1 / 32768.0}, s16.mono(true));

    PcmAudio s24 = WavDecoder.decode(riff(fmt(1, 1, 16000, 24, 3), chunk("data", le(3, -8388608, 8388607, 4096))), "s24");
    assertArrayEquals(new float[] {-1f, 8388607 / 8388608f, 4096 / 8388608f}, s24.samples()[0]);

    PcmAudio s32 = WavDecoder.decode(riff(fmt(1, 1, 16000, 32, 4), chunk("data", le(4, Integer.MIN_VALUE, 1 << 30))), "s32");
    assertArrayEquals(new float[] {-1f, 0.5f}, s32.samples()[0]);

    ByteBuffer f32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(-2f);
    PcmAudio fl = WavDecoder.decode(riff(fmt(3, 1, 16000, 32, 4), chunk("data", f32.array())), "f32");
    assertArrayEquals(new float[] {0.25f, -2f}, fl.samples()[0], "float data as stored, not clipped");
    assertEquals("WAV float 32-bit", fl.encoding());

    ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.125).putDouble(-0.75);
    assertArrayEquals(new float[] {0.125f, -0.75f},
        WavDecoder.decode(riff(fmt(3, 1, 16000, 64, 8), chunk("data", f64.array())), "f64").samples()[0]);
  }

  @Test
  void skipsOtherChunksWithTheirPadByteAndIgnoresTrailingBytes() {
    byte[] wav = riff(chunk("LIST", "odd".getBytes(StandardCharsets.ISO_8859_1)), fmt(1, 1, 16000, 16, 2),
        chunk("fact", le(4, 2)), chunk("data", le(2, 100, -100)), chunk("id3 ", new byte[5]));
    byte[] withTrailer = Arrays.copyOf(wav, wav.length + 7);
    assertArrayEquals(new float[] {100 / 32768f, -100 / 32768f}, WavDecoder.decode(withTrailer, "x").samples()[0]);
  }

  @Test
  void encoderOutputReadsBackExactly() {
    float[] x = {0, 0.5f, -0.5f, 1 / 32768f, -1f};
    assertArrayEquals(x, WavDecoder.decode(WavEncoder.pcm16(x, 22050), "x").samples()[0]);
    assertEquals(22050, WavDecoder.decode(WavEncoder.pcm16(x, 22050), "x").sampleRate());
  }

  @Test
  void namesEveryProblem() {
    byte[] good = riff(fmt(1, 1, 16000, 16, 2), chunk("data", le(2, 1, 2, 3, 4)));
    assertEquals("empty file (0 bytes)", problem(new byte[0]));
    assertEquals("truncated WAV: 8 bytes, a RIFF/WAVE header needs 12", problem(Arrays.copyOf(good, 8)));
    assertTrue(problem(Arrays.copyOf(good, good.length - 3)).startsWith("truncated WAV: the RIFF header says "
        + good.length + " bytes, the file has " + (good.length - 3)));
    byte[] rifx = good.clone();
    rifx[3] = 'X';
    assertEquals("big-endian RIFX WAV is not supported", problem(rifx));
    byte[] avi = good.clone();
    System.arraycopy("AVI ".getBytes(StandardCharsets.ISO_8859_1), 0, avi, 8, 4);
    assertEquals("a RIFF file of type 'AVI ', not WAVE", problem(avi));
    assertEquals("not a WAV file (no RIFF header)", problem("hello world, not audio".getBytes(StandardCharsets.UTF_8)));
    // a data chunk longer than what follows it, inside a consistent RIFF size
    assertEquals("truncated WAV: the data chunk says 1000 bytes, 8 follow it",
        problem(riff(fmt(1, 1, 16000, 16, 2), chunk("data", 1000, le(2, 1, 2, 3, 4)))));
    assertEquals("data chunk of 3 bytes is not a whole number of 2-byte frames",
        problem(riff(fmt(1, 1, 16000, 16, 2), chunk("data", new byte[3]))));
    assertEquals("no audio samples (empty data chunk)", problem(riff(fmt(1, 1, 16000, 16, 2), chunk("data", new byte[0]))));
    assertEquals("no fmt chunk", problem(riff(chunk("LIST", new byte[4]))));
    assertEquals("no data chunk", problem(riff(fmt(1, 1, 16000, 16, 2))));
    assertEquals("data chunk before the fmt chunk", problem(riff(chunk("data", le(2, 1)), fmt(1, 1, 16000, 16, 2))));
    assertEquals("two fmt chunks", problem(riff(fmt(1, 1, 16000, 16, 2), fmt(1, 1, 16000, 16, 2), chunk("data", le(2, 1)))));
    assertEquals("unsupported WAV encoding: format tag 2 (Microsoft ADPCM); supported: integer PCM of 8/16/24/32 bits"
        + " and IEEE float of 32/64 bits", problem(riff(fmt(2, 1, 16000, 4, 256), chunk("data", new byte[256]))));
    assertTrue(problem(riff(fmt(7, 1, 8000, 8, 1), chunk("data", new byte[4]))).contains("format tag 7 (mu-law)"));
    assertEquals("unsupported WAV sample size: 12-bit integer PCM (supported: 8, 16, 24, 32)",
        problem(riff(fmt(1, 1, 16000, 12, 2), chunk("data", new byte[4]))));
    assertEquals("inconsistent fmt chunk: block align 3 for 1 channels of 16 bits (expected 2)",
        problem(riff(fmt(1, 1, 16000, 16, 3), chunk("data", new byte[6]))));
    assertEquals("fmt chunk says 0 channels", problem(riff(fmt(1, 0, 16000, 16, 0), chunk("data", new byte[6]))));
    assertEquals("fmt chunk of 14 bytes, needs at least 16", problem(riff(chunk("fmt ", new byte[14]), chunk("data", new byte[2]))));
  }

  @Test
  void decoderDispatchesOnContentAndSaysWhatElseAFileSeemsToBe() {
    byte[] flac = AudioFixtures.bytes("hd_three_48k.flac");
    assertEquals("FLAC 16-bit", AudioDecoder.decode(flac, "named.wav").encoding());
    AudioDataException ogg = assertThrows(AudioDataException.class,
        () -> AudioDecoder.decode("OggS\0\2 vorbis".getBytes(StandardCharsets.ISO_8859_1), "a.wav"));
    assertEquals("a.wav: not a WAV or FLAC file (starts with 4f 67 67 53, looks like Ogg)", ogg.getMessage());
    assertEquals("a.flac: empty file (0 bytes)",
        assertThrows(AudioDataException.class, () -> AudioDecoder.decode(new byte[0], "a.flac")).getMessage());
    // a FLAC cut short: STREAMINFO's sample count is checked
    String cut = assertThrows(AudioDataException.class,
        () -> AudioDecoder.decode(Arrays.copyOf(flac, flac.length / 2), "c.flac")).getProblem();
    assertTrue(cut.startsWith("truncated FLAC: decoded ") && cut.endsWith(" of 31005 samples"), cut);
    assertTrue(assertThrows(AudioDataException.class, () -> AudioDecoder.decode(Arrays.copyOf(flac, 30), "h.flac"))
        .getProblem().startsWith("unreadable FLAC metadata"));
  }
}
