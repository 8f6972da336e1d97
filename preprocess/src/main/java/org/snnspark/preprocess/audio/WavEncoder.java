package org.snnspark.preprocess.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes 16-bit PCM WAV (the Speech Commands encoding): for tests that build corpora, for the
 * benchmark, and for exporting clips. Samples in [-1, 1] are scaled by 32768, rounded to nearest and
 * clipped to the int16 range, so a file decoded by {@link WavDecoder} reads back exactly when the
 * samples were multiples of 1/32768.
 */
public final class WavEncoder {
  private WavEncoder() {}

  /** A canonical 44-byte-header WAV of {@code samples[channel][frame]}. */
  public static byte[] pcm16(float[][] samples, int sampleRate) {
    int ch = samples.length;
    int n = ch == 0 ? 0 : samples[0].length;
    int data = n * ch * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).putInt(36 + data)
        .put("WAVE".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
        .put("fmt ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).putInt(16)
        .putShort((short) 1).putShort((short) ch).putInt(sampleRate).putInt(sampleRate * ch * 2)
        .putShort((short) (ch * 2)).putShort((short) 16)
        .put("data".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).putInt(data);
    for (int i = 0; i < n; i++) {
      for (float[] c : samples) {
        long v = Math.round(c[i] * 32768.0);
        b.putShort((short) Math.max(-32768, Math.min(32767, v)));
      }
    }
    return b.array();
  }

  /** Mono convenience. */
  public static byte[] pcm16(float[] mono, int sampleRate) {
    return pcm16(new float[][] {mono}, sampleRate);
  }
}
