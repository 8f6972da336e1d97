package org.snnspark.preprocess.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tiny corpora in the real layouts, built from the committed espeak-ng fixtures: every utterance is a
 * fixture word with its own gain and a leading silence, so files differ while the words stay real
 * speech. Kept small (a few dozen files) so the job tests stay fast.
 */
final class AudioCorpora {
  /** GSC speakers: the first two are train, the third valid, the fourth test. */
  static final List<String> GSC_SPEAKERS = List.of("0a7c2a8d", "1b5ac9e2", "c0ffee01", "f00d5e7a");
  static final List<String> GSC_WORDS = List.of("yes", "no", "up", "cat");

  private AudioCorpora() {}

  /**
   * Speech Commands layout: {@code <word>/<speaker>_nohash_<n>.wav} for the four words, 4 speakers,
   * 2 takes each (32 files); validation_list.txt names speaker 3's files, testing_list.txt speaker 4's;
   * _background_noise_ holds two 12 s seeded noise files. Returns the root.
   */
  static Path gsc(Path root) {
    try {
      List<String> valid = new ArrayList<>();
      List<String> test = new ArrayList<>();
      for (String word : GSC_WORDS) {
        PcmAudio base = AudioFixtures.decode("gsc_" + word + ".wav");
        Files.createDirectories(root.resolve(word));
        for (int s = 0; s < GSC_SPEAKERS.size(); s++) {
          for (int take = 0; take < 2; take++) {
            String rel = word + "/" + GSC_SPEAKERS.get(s) + "_nohash_" + take + ".wav";
            float gain = 0.5f + 0.15f * s + 0.1f * take;
            int lead = 800 * s + 300 * take;
            Files.write(root.resolve(rel), WavEncoder.pcm16(variant(base.samples()[0], gain, lead), 16000));
            (s == 2 ? valid : s == 3 ? test : new ArrayList<String>()).add(rel);
          }
        }
      }
      Files.write(root.resolve("validation_list.txt"), lines(valid));
      Files.write(root.resolve("testing_list.txt"), lines(test));
      Path noise = Files.createDirectories(root.resolve(CorpusListing.NOISE_DIR));
      for (int k = 0; k < 2; k++) {
        Files.write(noise.resolve((k == 0 ? "white_noise" : "pink_ish_noise") + ".wav"),
            WavEncoder.pcm16(noise(16000 * 12, k), 16000));
      }
      Files.writeString(noise.resolve("README.md"), "not audio\n");
      Files.writeString(root.resolve("LICENSE"), "test corpus\n");
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Heidelberg Digits layout: {@code audio/lang-<l>_speaker-<s>_trial-<t>_digit-3.flac} (English
   * "three" and German "drei", 48 kHz FLAC), speakers 0..3 with 2 trials; train_filenames.txt lists
   * speakers 0-2, test_filenames.txt speaker 3 (16 files).
   */
  static Path hd(Path root) {
    try {
      Path audio = Files.createDirectories(root.resolve("audio"));
      List<String> train = new ArrayList<>();
      List<String> test = new ArrayList<>();
      for (String lang : List.of("english", "german")) {
        byte[] flac = AudioFixtures.bytes(lang.equals("english") ? "hd_three_48k.flac" : "hd_drei_48k.flac");
        for (int s = 0; s < 4; s++) {
          for (int t = 0; t < 2; t++) {
            String name = String.format("lang-%s_speaker-%02d_trial-%d_digit-3.flac", lang, s, t);
            Files.write(audio.resolve(name), flac);
            (s == 3 ? test : train).add(name);
          }
        }
      }
      Files.write(root.resolve("train_filenames.txt"), lines(train));
      Files.write(root.resolve("test_filenames.txt"), lines(test));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Folder-per-class layout: yes/ and no/ with 6 WAVs each (one in a sub-folder) and a FLAC in no/. */
  static Path folders(Path root) {
    try {
      for (String word : List.of("yes", "no")) {
        PcmAudio base = AudioFixtures.decode("gsc_" + word + ".wav");
        Path dir = Files.createDirectories(root.resolve(word).resolve("more"));
        for (int i = 0; i < 6; i++) {
          Path target = (i == 5 ? dir : root.resolve(word)).resolve("take" + i + ".wav");
          Files.write(target, WavEncoder.pcm16(variant(base.samples()[0], 0.4f + 0.1f * i, 500 * i), 16000));
        }
      }
      Files.write(root.resolve("no").resolve("flac_take.flac"), AudioFixtures.bytes("hd_drei_48k.flac"));
      Files.createDirectories(root.resolve("_ignored"));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[] variant(float[] x, float gain, int lead) {
    float[] out = new float[x.length + lead];
    for (int i = 0; i < x.length; i++) {
      out[lead + i] = x[i] * gain;
    }
    return out;
  }

  static float[] noise(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    double lp = 0;
    for (int i = 0; i < n; i++) {
      double w = r.nextDouble() - 0.5;
      lp = seed == 0 ? w : 0.9 * lp + 0.1 * w * 4;
      x[i] = (float) (0.1 * lp);
    }
    return x;
  }

  private static byte[] lines(List<String> l) {
    return (String.join("\n", l) + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
