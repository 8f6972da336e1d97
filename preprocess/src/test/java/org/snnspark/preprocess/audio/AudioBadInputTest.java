package org.snnspark.preprocess.audio;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.testutil.TestSpark;

/**
 * Bad audio: each problem stops the job with an error naming the file (and leaves nothing that
 * looks like output), or with onBadSample=SKIP is counted and listed in the manifest.
 */
class AudioBadInputTest {

  /** A GSC corpus with five broken samples, one of each kind. */
  private static Path brokenCorpus(Path root) throws Exception {
    AudioCorpora.gsc(root);
    Path truncated = root.resolve("yes/0a7c2a8d_nohash_0.wav");
    byte[] b = Files.readAllBytes(truncated);
    Files.write(truncated, Arrays.copyOf(b, b.length / 2));
    Files.write(root.resolve("no/0a7c2a8d_nohash_1.wav"), new byte[0]);
    Files.write(root.resolve("up/1b5ac9e2_nohash_0.wav"), "ID3\u0004 an mp3, renamed".getBytes(StandardCharsets.ISO_8859_1));
    byte[] flac = AudioFixtures.bytes("hd_three_48k.flac");
    for (int i = flac.length / 3; i < flac.length; i += 97) {
      flac[i] ^= 0x5A; // bit rot in the frames: CRC failures
    }
    Files.write(root.resolve("cat/1b5ac9e2_nohash_1.wav"), flac);
    Files.writeString(root.resolve("testing_list.txt"), "yes/deadbeef_nohash_0.wav\n", StandardOpenOption.APPEND);
    return root;
  }

  private static void assertNothingWritten(Path parent, String... expected) throws Exception {
    try (Stream<Path> files = Files.list(parent)) {
      assertEquals(Set.of(expected), files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
          "no output and no hidden temporary directory");
    }
  }

  @Test
  void eachBadSampleFailsTheJobNamingTheFile(@TempDir Path tmp) throws Exception {
    Path root = brokenCorpus(tmp.resolve("corpus"));
    Path out = tmp.resolve("ds");
    AudioPreprocessConfig cfg = new AudioPreprocessConfig().setInputDir(root.toString()).setOutput(out.toString());
    // the list naming a missing file is found first, on the driver
    AudioDataException e = assertThrows(AudioDataException.class, () -> new AudioPreprocessJob(cfg).run(TestSpark.get()));
    assertEquals("yes/deadbeef_nohash_0.wav", e.getFile());
    assertTrue(e.getMessage().contains("named in testing_list.txt, but") && e.getMessage().contains("does not exist"),
        e.getMessage());
    assertNothingWritten(tmp, "corpus");

    // then each broken file in turn, with the others repaired
    Files.writeString(root.resolve("testing_list.txt"), Files.readString(root.resolve("testing_list.txt"))
        .replace("yes/deadbeef_nohash_0.wav\n", ""));
    Map<String, String> expected = Map.of(
        "yes/0a7c2a8d_nohash_0.wav", "truncated WAV: the RIFF header says",
        "no/0a7c2a8d_nohash_1.wav", "empty file (0 bytes)",
        "up/1b5ac9e2_nohash_0.wav", "not a WAV or FLAC file (starts with 49 44 33 04, looks like MP3?)",
        "cat/1b5ac9e2_nohash_1.wav", "corrupt FLAC frame");
    Path good = AudioCorpora.gsc(tmp.resolve("good"));
    Path copies = Files.createDirectories(tmp.resolve("copies"));
    for (Map.Entry<String, String> bad : expected.entrySet()) {
      // a fresh copy per case (the tasks of an aborted job may still be draining the previous one)
      Path corpus = copies.resolve(bad.getKey().replace('/', '_'));
      copyTree(good, corpus);
      Files.copy(root.resolve(bad.getKey()), corpus.resolve(bad.getKey()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      AudioPreprocessConfig one = new AudioPreprocessConfig().setInputDir(corpus.toString()).setOutput(out.toString());
      AudioDataException x = assertThrows(AudioDataException.class, () -> new AudioPreprocessJob(one).run(TestSpark.get()));
      assertEquals(bad.getKey(), x.getFile(), x.getMessage());
      assertTrue(x.getProblem().contains(bad.getValue()), x.getProblem());
      assertTrue(x.getMessage().startsWith(bad.getKey() + ": "), "the message leads with the file: " + x.getMessage());
      assertNothingWritten(tmp, "corpus", "good", "copies");
    }
  }

  @Test
  void skipListsBadSamplesInTheManifest(@TempDir Path tmp) throws Exception {
    Path root = brokenCorpus(tmp.resolve("corpus"));
    Path out = tmp.resolve("ds");
    DatasetManifest m = new AudioPreprocessJob(new AudioPreprocessConfig().setInputDir(root.toString())
        .setOutput(out.toString()).setOnBadSample(AudioPreprocessConfig.OnBadSample.SKIP)).run(TestSpark.get());
    assertEquals(5, m.getSkippedCount());
    Map<String, String> problems = m.getSkipped().stream().collect(Collectors.toMap(s -> s.file, s -> s.problem));
    assertEquals(Set.of("yes/0a7c2a8d_nohash_0.wav", "no/0a7c2a8d_nohash_1.wav", "up/1b5ac9e2_nohash_0.wav",
        "cat/1b5ac9e2_nohash_1.wav", "yes/deadbeef_nohash_0.wav"), problems.keySet());
    assertTrue(problems.get("yes/deadbeef_nohash_0.wav").contains("does not exist"));
    assertTrue(problems.get("cat/1b5ac9e2_nohash_1.wav").contains("corrupt FLAC frame"));
    // 4 broken train files are left out; the missing test file never existed
    assertEquals(Map.of("train", 12L, "valid", 8L, "test", 8L), m.getSplitCounts());
    assertTrue(DatasetVerifier.verify(new Configuration(), out.toString()).ok());
  }

  @Test
  void skippingEverySampleOfASplitIsAnError(@TempDir Path tmp) throws Exception {
    Path root = AudioCorpora.gsc(tmp.resolve("corpus"));
    List<String> test = Files.readAllLines(root.resolve("testing_list.txt")).stream().filter(l -> !l.isBlank()).toList();
    for (String file : test) {
      Files.write(root.resolve(file), new byte[0]);
    }
    AudioPreprocessConfig cfg = new AudioPreprocessConfig().setInputDir(root.toString())
        .setOutput(tmp.resolve("ds").toString()).setOnBadSample(AudioPreprocessConfig.OnBadSample.SKIP);
    OptionException e = assertThrows(OptionException.class, () -> new AudioPreprocessJob(cfg).run(TestSpark.get()));
    assertTrue(e.getMessage().startsWith("split 'test' would be empty: all " + test.size() + " of its samples are bad"
        + " and onBadSample SKIP left them out (" + test.size() + " skipped; the first: "), e.getMessage());
    assertNothingWritten(tmp, "corpus");
  }

  @Test
  void tooShortClipsAndExistingOutput(@TempDir Path tmp) throws Exception {
    Path root = AudioCorpora.gsc(tmp.resolve("corpus"));
    // 10 ms of audio: under one 25 ms frame
    Files.write(root.resolve("up/0a7c2a8d_nohash_0.wav"), WavEncoder.pcm16(new float[160], 16000));
    Path out = tmp.resolve("ds");
    AudioPreprocessConfig cfg = new AudioPreprocessConfig().setInputDir(root.toString()).setOutput(out.toString());
    AudioDataException e = assertThrows(AudioDataException.class, () -> new AudioPreprocessJob(cfg).run(TestSpark.get()));
    assertEquals("up/0a7c2a8d_nohash_0.wav", e.getFile());
    assertTrue(e.getProblem().startsWith("too short for the features: 160 samples, shorter than one 25.0 ms frame"),
        e.getProblem());
    // padding to a fixed length makes it usable
    cfg.setClipSeconds(1);
    DatasetManifest m = new AudioPreprocessJob(cfg).run(TestSpark.get());
    assertEquals(98, m.getNumSteps());
    assertEquals(16, m.getFeatureStats().get("train").padded);
    IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
        () -> new AudioPreprocessJob(cfg).run(TestSpark.get()));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    String before = m.getShards().get(0).sha256;
    DatasetManifest again = new AudioPreprocessJob(cfg.setOverwrite(true).setClipSeconds(0.5)).run(TestSpark.get());
    assertEquals(48, again.getNumSteps());
    assertNotEquals(before, again.getShards().get(0).sha256);
    assertNothingWritten(tmp, "corpus", "ds");
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
