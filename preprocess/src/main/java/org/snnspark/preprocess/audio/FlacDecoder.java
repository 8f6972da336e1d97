package org.snnspark.preprocess.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC through jflac-codec (org.jflac), with the checks jflac leaves to its caller: jflac skips
 * frames that fail their CRC and stops quietly at a truncated end, so the decoded length is held
 * against STREAMINFO's sample count and any skipped frame is an error.
 */
public final class FlacDecoder {
  private FlacDecoder() {}

  static boolean looksLikeFlac(byte[] b) {
    return b.length >= 4 && new String(b, 0, 4, StandardCharsets.ISO_8859_1).equals("fLaC");
  }

  /**
   * Decodes a whole FLAC file.
   *
   * @param name the file's name for error messages
   * @throws AudioDataException naming {@code name} and what is wrong
   */
  public static PcmAudio decode(byte[] b, String name) {
    if (b.length == 0) {
      throw new AudioDataException(name, "empty file (0 bytes)");
    }
    if (!looksLikeFlac(b)) {
      throw new AudioDataException(name, "not a FLAC file (no fLaC marker)");
    }
    FLACDecoder d = new FLACDecoder(new ByteArrayInputStream(b));
    StreamInfo info;
    try {
      d.readMetadata();
      info = d.getStreamInfo();
    } catch (IOException | RuntimeException e) {
      throw new AudioDataException(name, "unreadable FLAC metadata: " + describe(e), e);
    }
    if (info == null) {
      throw new AudioDataException(name, "FLAC without a STREAMINFO block");
    }
    int channels = info.getChannels();
    int bits = info.getBitsPerSample();
    int rate = info.getSampleRate();
    if (channels < 1 || rate < 1 || bits < 4 || bits > 32) {
      throw new AudioDataException(name, "bad FLAC STREAMINFO: " + channels + " channels, " + rate + " Hz, " + bits + " bits");
    }
    long total = info.getTotalSamples(); // 0 = unknown (allowed by the format)
    if (total > Integer.MAX_VALUE) {
      throw new AudioDataException(name, "FLAC of " + total + " samples per channel is too long");
    }
    float scale = (float) (1.0 / (1L << (bits - 1)));
    float[][] out = new float[channels][(int) Math.max(total, 4096)];
    int n = 0;
    try {
      Frame frame;
      while ((frame = d.readNextFrame()) != null) {
        int bs = frame.header.blockSize;
        if (frame.header.channels != channels || frame.header.bitsPerSample != bits) {
          throw new AudioDataException(name, "FLAC frame at sample " + n + " has " + frame.header.channels
              + " channels of " + frame.header.bitsPerSample + " bits; STREAMINFO says " + channels + " of " + bits);
        }
        if (n + bs > out[0].length) {
          if (total > 0) {
            throw new AudioDataException(name, "FLAC holds more samples than STREAMINFO's " + total);
          }
          for (int c = 0; c < channels; c++) {
            out[c] = Arrays.copyOf(out[c], Math.max(2 * out[c].length, n + bs));
          }
        }
        ChannelData[] data = d.getChannelData();
        for (int c = 0; c < channels; c++) {
          int[] pcm = data[c].getOutput();
          float[] dst = out[c];
          for (int i = 0; i < bs; i++) {
            dst[n + i] = pcm[i] * scale;
          }
        }
        n += bs;
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof AudioDataException a) {
        throw a;
      }
      throw new AudioDataException(name, "unreadable FLAC data after " + n + " samples: " + describe(e), e);
    }
    if (d.getBadFrames() > 0) {
      throw new AudioDataException(name, d.getBadFrames() + " corrupt FLAC frame(s) (bad CRC or header)");
    }
    if (total > 0 && n != total) {
      throw new AudioDataException(name, "truncated FLAC: decoded " + n + " of " + total + " samples");
    }
    if (n == 0) {
      throw new AudioDataException(name, "no audio samples");
    }
    for (int c = 0; c < channels; c++) {
      if (out[c].length != n) {
        out[c] = Arrays.copyOf(out[c], n);
      }
    }
    return new PcmAudio(rate, out, "FLAC " + bits + "-bit");
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
