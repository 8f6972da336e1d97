package org.snnspark.preprocess.audio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed audio fixtures (src/test/resources/audio, see make_fixtures.sh and reference.py). */
final class AudioFixtures {
  private static JsonNode reference;

  private AudioFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = AudioFixtures.class.getResourceAsStream("/audio/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture /audio/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PcmAudio decode(String name) {
    return AudioDecoder.decode(bytes(name), name);
  }

  /** reference.json: torchaudio / scipy values computed from the fixtures by reference.py. */
  static synchronized JsonNode reference() {
    if (reference == null) {
      try (InputStream in = AudioFixtures.class.getResourceAsStream("/audio/reference.json")) {
        reference = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return reference;
  }
}
