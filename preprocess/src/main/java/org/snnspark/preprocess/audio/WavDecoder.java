package org.snnspark.preprocess.audio;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A strict RIFF/WAVE reader for uncompressed audio: integer PCM of 8 (unsigned), 16, 24 and 32
 * bits and IEEE float of 32 and 64 bits, plain or as WAVE_FORMAT_EXTENSIBLE, any channel count.
 *
 * <p>Strict means: anything that would make the samples wrong or incomplete is an error naming the
 * problem — a file shorter than its RIFF header or data chunk says, a data chunk that is not a whole
 * number of frames, a format chunk that contradicts itself, a data chunk before the format chunk,
 * compressed encodings (ADPCM, A-law, mu-law, MP3-in-WAV...). Chunks other than {@code fmt } and
 * {@code data} (LIST, fact, cue...) are skipped; bytes after the RIFF chunk are ignored. The byte
 * rate field is redundant and not checked (some writers get it wrong).
 */
public final class WavDecoder {
  private static final int PCM = 1;
  private static final int IEEE_FLOAT = 3;
  private static final int EXTENSIBLE = 0xFFFE;
  /** The tail shared by the KSDATAFORMAT_SUBTYPE GUIDs of PCM and IEEE float (after the 2-byte tag). */
  private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
      (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
  private static final Map<Integer, String> KNOWN_TAGS = Map.of(
      2, "Microsoft ADPCM", 6, "A-law", 7, "mu-law", 0x11, "IMA ADPCM", 0x31, "GSM 6.10",
      0x50, "MPEG", 0x55, "MP3", 0xFF, "AAC", 0x161, "WMA");

  private WavDecoder() {}

  /** Whether the bytes start like a RIFF/WAVE file (or a big-endian / 64-bit variant we refuse). */
  static boolean looksLikeWav(byte[] b) {
    if (b.length < 4) {
      return false;
    }
    String tag = new String(b, 0, 4, StandardCharsets.ISO_8859_1);
    return tag.equals("RIFF") || tag.equals("RIFX") || tag.equals("RF64");
  }

  /**
   * Decodes a whole WAV file.
   *
   * @param name the file's name for error messages
   * @throws AudioDataException naming {@code name} and what is wrong
   */
  public static PcmAudio decode(byte[] b, String name) {
    if (b.length == 0) {
      throw new AudioDataException(name, "empty file (0 bytes)");
    }
    if (b.length < 12) {
      throw new AudioDataException(name, "truncated WAV: " + b.length + " bytes, a RIFF/WAVE header needs 12");
    }
    String riff = ascii(b, 0);
    switch (riff) {
      case "RIFF" -> { }
      case "RIFX" -> throw new AudioDataException(name, "big-endian RIFX WAV is not supported");
      case "RF64" -> throw new AudioDataException(name, "RF64 WAV (files over 4 GiB) is not supported");
      default -> throw new AudioDataException(name, "not a WAV file (no RIFF header)");
    }
    if (!ascii(b, 8).equals("WAVE")) {
      throw new AudioDataException(name, "a RIFF file of type '" + ascii(b, 8) + "', not WAVE");
    }
    long riffEnd = 8 + u32(b, 4);
    if (riffEnd > b.length) {
      throw new AudioDataException(name, "truncated WAV: the RIFF header says " + riffEnd + " bytes, the file has " + b.length);
    }
    Format fmt = null;
    int pos = 12;
    while (true) {
      if (pos + 8 > riffEnd) {
        throw new AudioDataException(name, fmt == null ? "no fmt chunk" : "no data chunk");
      }
      String id = ascii(b, pos);
      long size = u32(b, pos + 4);
      long bodyEnd = pos + 8 + size;
      if (id.equals("fmt ")) {
        if (fmt != null) {
          throw new AudioDataException(name, "two fmt chunks");
        }
        if (bodyEnd > riffEnd) {
          throw new AudioDataException(name, "truncated WAV: the fmt chunk runs past the end of the RIFF chunk");
        }
        fmt = Format.parse(b, pos + 8, (int) size, name);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw new AudioDataException(name, "data chunk before the fmt chunk");
        }
        if (bodyEnd > riffEnd) {
          throw new AudioDataException(name, "truncated WAV: the data chunk says " + size + " bytes, "
              + (riffEnd - pos - 8) + " follow it");
        }
        return samples(b, pos + 8, size, fmt, name);
      } else if (bodyEnd > riffEnd) {
        throw new AudioDataException(name, "truncated WAV: chunk '" + id + "' at byte " + pos + " runs past the end of the RIFF chunk");
      }
      pos = (int) (bodyEnd + (size & 1)); // chunks are padded to even sizes
    }
  }

  /** The fields of the fmt chunk that matter, validated. */
  private record Format(int tag, int channels, int sampleRate, int blockAlign, int bits) {
    static Format parse(byte[] b, int off, int size, String name) {
      if (size < 16) {
        throw new AudioDataException(name, "fmt chunk of " + size + " bytes, needs at least 16");
      }
      int tag = u16(b, off);
      int channels = u16(b, off + 2);
      long rate = u32(b, off + 4);
      int blockAlign = u16(b, off + 12);
      int bits = u16(b, off + 14);
      if (tag == EXTENSIBLE) {
        if (size < 40 || u16(b, off + 16) < 22) {
          throw new AudioDataException(name, "WAVE_FORMAT_EXTENSIBLE fmt chunk too short (" + size + " bytes, needs 40)");
        }
        for (int i = 0; i < GUID_TAIL.length; i++) {
          if (b[off + 26 + i] != GUID_TAIL[i]) {
            throw new AudioDataException(name, "WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID");
          }
        }
        tag = u16(b, off + 24);
      }
      if (tag != PCM && tag != IEEE_FLOAT) {
        String known = KNOWN_TAGS.get(tag);
        throw new AudioDataException(name, "unsupported WAV encoding: format tag " + tag
            + (known == null ? "" : " (" + known + ")")
            + "; supported: integer PCM of 8/16/24/32 bits and IEEE float of 32/64 bits");
      }
      boolean okBits = tag == PCM ? bits == 8 || bits == 16 || bits == 24 || bits == 32 : bits == 32 || bits == 64;
      if (!okBits) {
        throw new AudioDataException(name, "unsupported WAV sample size: " + bits + "-bit "
            + (tag == PCM ? "integer PCM (supported: 8, 16, 24, 32)" : "float (supported: 32, 64)"));
      }
      if (channels < 1) {
        throw new AudioDataException(name, "fmt chunk says " + channels + " channels");
      }
      if (rate < 1 || rate > Integer.MAX_VALUE) {
        throw new AudioDataException(name, "fmt chunk says sample rate " + rate);
      }
      if (blockAlign != channels * (bits / 8)) {
        throw new AudioDataException(name, "inconsistent fmt chunk: block align " + blockAlign + " for "
            + channels + " channels of " + bits + " bits (expected " + channels * (bits / 8) + ")");
      }
      return new Format(tag, channels, (int) rate, blockAlign, bits);
    }

    String describe() {
      return tag == PCM ? "WAV PCM " + bits + "-bit" : "WAV float " + bits + "-bit";
    }
  }

  private static PcmAudio samples(byte[] b, int off, long size, Format f, String name) {
    if (size % f.blockAlign() != 0) {
      throw new AudioDataException(name, "data chunk of " + size + " bytes is not a whole number of "
          + f.blockAlign() + "-byte frames");
    }
    long frames = size / f.blockAlign();
    if (frames == 0) {
      throw new AudioDataException(name, "no audio samples (empty data chunk)");
    }
    int n = (int) frames;
    int ch = f.channels();
    float[][] out = new float[ch][n];
    int bytes = f.bits() / 8;
    int p = off;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < ch; c++, p += bytes) {
        out[c][i] = sample(b, p, f);
      }
    }
    return new PcmAudio(f.sampleRate(), out, f.describe());
  }

  /** One sample scaled to [-1, 1] as torchaudio.load(normalize=True) scales it. */
  private static float sample(byte[] b, int p, Format f) {
    if (f.tag() == IEEE_FLOAT) {
      return f.bits() == 32 ? Float.intBitsToFloat(s32(b, p)) : (float) Double.longBitsToDouble(s64(b, p));
    }
    return switch (f.bits()) {
      case 8 -> ((b[p] & 0xFF) - 128) / 128f;
      case 16 -> (short) ((b[p] & 0xFF) | (b[p + 1] << 8)) / 32768f;
      case 24 -> ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16)) / 8388608f;
      // int -> float rounds once; the power-of-two division is exact: round(v) / 2^31, like torch
      default -> (float) s32(b, p) / 2147483648f;
    };
  }

  private static String ascii(byte[] b, int off) {
    return new String(b, off, 4, StandardCharsets.ISO_8859_1);
  }

  private static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
  }

  private static long u32(byte[] b, int p) {
    return s32(b, p) & 0xFFFFFFFFL;
  }

  private static int s32(byte[] b, int p) {
    return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24);
  }

  private static long s64(byte[] b, int p) {
    return (s32(b, p) & 0xFFFFFFFFL) | ((long) s32(b, p + 4) << 32);
  }
}
