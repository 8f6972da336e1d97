package org.snnspark.preprocess.audio;

import java.nio.charset.StandardCharsets;

/**
 * Decodes WAV or FLAC by content (the first bytes), not by file name: a FLAC named .wav is read as
 * FLAC; anything else is an error that says what the file seems to be.
 */
public final class AudioDecoder {
  private AudioDecoder() {}

  /**
   * @param name the file's name for error messages
   * @throws AudioDataException naming {@code name}: empty, unknown format, or what the decoder found
   */
  public static PcmAudio decode(byte[] bytes, String name) {
    if (bytes.length == 0) {
      throw new AudioDataException(name, "empty file (0 bytes)");
    }
    if (WavDecoder.looksLikeWav(bytes)) {
      return WavDecoder.decode(bytes, name);
    }
    if (FlacDecoder.looksLikeFlac(bytes)) {
      return FlacDecoder.decode(bytes, name);
    }
    throw new AudioDataException(name, "not a WAV or FLAC file (starts with " + guess(bytes) + ")");
  }

  /** The first bytes, and what a few common other formats start with. */
  private static String guess(byte[] b) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(4, b.length); i++) {
      hex.append(String.format("%02x ", b[i] & 0xFF));
    }
    String head = new String(b, 0, Math.min(4, b.length), StandardCharsets.ISO_8859_1);
    String what;
    if (head.startsWith("ID3") || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0)) {
      what = "MP3?";
    } else if (head.equals("OggS")) {
      what = "Ogg";
    } else if (b.length >= 8 && new String(b, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
      what = "MP4/M4A";
    } else if (head.equals("FORM")) {
      what = "AIFF?";
    } else {
      what = null;
    }
    return hex.toString().trim() + (what == null ? "" : ", looks like " + what);
  }
}
