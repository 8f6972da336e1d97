package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.DatasetVerifier;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.hdf5.Float16;
import org.snnspark.preprocess.hdf5.ShdH5Writer;
import org.snnspark.preprocess.hdf5.SpikeDataException;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.testutil.TestSpark;

/**
 * Bad inputs: each gives an error naming the file, the sample and the problem, and leaves no output
 * (not even a temporary directory); with onBadSample=SKIP bad samples are left out and listed.
 */
class BadInputTest {
  private static final int N = 12;
  private static final List<String> CLASSES = List.of("a", "b", "c", "d");

  /** What a test file holds; tests break one thing before writing it. */
  static final class Content {
    final float[][] times = new float[N][];
    final int[][] units = new int[N][];
    final int[] labels = new int[N];
    boolean writeLabels = true;
    boolean writeSpikes = true;

    Content() {
      for (int i = 0; i < N; i++) {
        int n = 5 + i;
        times[i] = new float[n];
        units[i] = new int[n];
        for (int k = 0; k < n; k++) {
          times[i][k] = 0.05f * k;
          units[i][k] = (37 * k + i) % 700;
        }
        labels[i] = i % CLASSES.size();
      }
    }

    Path write(Path file) throws Exception {
      try (ShdH5Writer w = new ShdH5Writer(file, N)) {
        if (writeSpikes) {
          short[][] half = new short[N][];
          for (int i = 0; i < N; i++) {
            half[i] = new short[times[i].length];
            for (int k = 0; k < half[i].length; k++) {
              half[i][k] = Float16.fromFloat(times[i][k]);
            }
          }
          w.writeSpikes(0, half, units);
        }
        if (writeLabels) {
          w.writeLabels(labels);
        }
        w.writeSpeakers(new int[N]);
        w.writeKeys(CLASSES);
      }
      return file;
    }
  }

  private static Path file(Path dir, Consumer<Content> breakIt) throws Exception {
    Content c = new Content();
    breakIt.accept(c);
    Files.createDirectories(dir);
    return c.write(dir.resolve("shd_train.h5"));
  }

  /** Runs the job expecting failure; checks the message and that nothing is left in {@code tmp}/out. */
  private static SpikeDataException fails(Path tmp, Path input, String... fragments) throws Exception {
    Path outParent = tmp.resolve("out");
    Files.createDirectories(outParent);
    SpikePreprocessConfig cfg = new SpikePreprocessConfig().addInput("train", input.toString())
        .setOutput(outParent.resolve("ds").toString());
    SpikeDataException e = assertThrows(SpikeDataException.class, () -> new SpikePreprocessJob(cfg).run(TestSpark.get()));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message should contain '" + f + "': " + e.getMessage());
    }
    try (Stream<Path> left = Files.list(outParent)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).collect(Collectors.toList()),
          "no output or temporary directory is left behind");
    }
    return e;
  }

  @Test
  void timesAndUnitsOfDifferentLength(@TempDir Path tmp) throws Exception {
    Path f = file(tmp, c -> c.units[2] = Arrays.copyOf(c.units[2], 3));
    SpikeDataException e = fails(tmp, f, "shd_train.h5", "sample 2", "spikes/times has 7 entries but spikes/units has 3");
    assertEquals(2, e.getSample());
  }

  @Test
  void unitPastTheChannelCount(@TempDir Path tmp) throws Exception {
    Path f = file(tmp, c -> c.units[4][1] = 700);
    fails(tmp, f, "sample 4", "unit 700 outside 0..699", "spike 1");
  }

  @Test
  void negativeTime(@TempDir Path tmp) throws Exception {
    Path f = file(tmp, c -> c.times[1][0] = -0.25f);
    fails(tmp, f, "sample 1", "negative time -0.25 s at spike 0");
  }

  @Test
  void nanTime(@TempDir Path tmp) throws Exception {
    Path f = file(tmp, c -> c.times[3][2] = Float.NaN);
    fails(tmp, f, "sample 3", "time is NaN at spike 2");
  }

  @Test
  void labelOutOfRange(@TempDir Path tmp) throws Exception {
    Path f = file(tmp, c -> c.labels[5] = 25);
    fails(tmp, f, "sample 5", "label 25 outside 0..3 (4 class names)");
  }

  @Test
  void missingDatasets(@TempDir Path tmp) throws Exception {
    fails(tmp, file(tmp.resolve("a"), c -> c.writeLabels = false), "shd_train.h5", "missing dataset 'labels'");
    fails(tmp, file(tmp.resolve("b"), c -> c.writeSpikes = false), "missing dataset 'spikes/times'");
  }

  @Test
  void notHdf5TruncatedOrMissingFiles(@TempDir Path tmp) throws Exception {
    Path text = tmp.resolve("text/shd_train.h5");
    Files.createDirectories(text.getParent());
    Files.writeString(text, "this is not HDF5\n".repeat(100));
    fails(tmp, text, "text/shd_train.h5", "not a readable HDF5 file");

    List<Path> synth = new SyntheticShdGenerator(SyntheticShdConfig.defaults().withSamples(60, 1)).generate(tmp.resolve("synth"));
    byte[] whole = Files.readAllBytes(synth.get(0));
    Path cut = tmp.resolve("cut/shd_train.h5");
    Files.createDirectories(cut.getParent());
    for (int keep : new int[] {whole.length / 2, whole.length * 9 / 10, whole.length - 1}) {
      Files.write(cut, Arrays.copyOf(whole, keep));
      fails(tmp, cut, "cut/shd_train.h5: truncated HDF5 file: " + keep + " bytes, its superblock says " + whole.length);
    }

    fails(tmp, tmp.resolve("nowhere/shd_train.h5"), "nowhere/shd_train.h5: file not found");
  }

  @Test
  void skipLeavesBadSamplesOutAndListsThem(@TempDir Path tmp) throws Exception {
    Path f = file(tmp, c -> {
      c.units[2] = Arrays.copyOf(c.units[2], 3);
      c.times[7][0] = Float.NaN;
      c.labels[9] = 99;
    });
    Path out = tmp.resolve("ds");
    DatasetManifest m = new SpikePreprocessJob(new SpikePreprocessConfig().addInput("train", f.toString())
        .setOutput(out.toString()).setOnBadSample(SpikePreprocessConfig.OnBadSample.SKIP)
        .setShardsPerSplit(3)).run(TestSpark.get());
    assertEquals(N - 3L, m.getSplitCounts().get("train"));
    assertEquals(3, m.getSkippedCount());
    List<Long> idx = new ArrayList<>();
    m.getSkipped().forEach(s -> idx.add(s.index));
    assertEquals(List.of(2L, 7L, 9L), idx);
    assertEquals("shd_train.h5", m.getSkipped().get(0).file);
    assertTrue(m.getSkipped().get(1).problem.contains("NaN"));
    assertTrue(m.getSkipped().get(2).problem.contains("label 99"));
    assertEquals(N - 3, TestSpark.get().read().parquet(out.resolve("split=train").toString()).count());
    assertTrue(DatasetVerifier.verify(TestSpark.get().sparkContext().hadoopConfiguration(), out.toString()).ok());
  }

  @Test
  void skippingEverySampleOfASplitIsAnError(@TempDir Path tmp) throws Exception {
    Path train = file(tmp.resolve("bad"), c -> {
      for (int i = 0; i < N; i++) {
        c.times[i][1] = -0.5f;
      }
    });
    Path test = file(tmp.resolve("good"), c -> { });
    Path outParent = Files.createDirectories(tmp.resolve("out"));
    SpikePreprocessConfig cfg = new SpikePreprocessConfig().addInput("train", train.toString())
        .addInput("test", test.toString()).setOutput(outParent.resolve("ds").toString())
        .setOnBadSample(SpikePreprocessConfig.OnBadSample.SKIP);
    OptionException e = assertThrows(OptionException.class, () -> new SpikePreprocessJob(cfg).run(TestSpark.get()));
    assertEquals("split 'train' would be empty: all 12 of its samples are bad and onBadSample SKIP left them out"
        + " (12 skipped; the first: shd_train.h5, sample 0: negative time -0.5 s at spike 1)", e.getMessage());
    try (Stream<Path> left = Files.list(outParent)) {
      assertEquals(List.of(), left.toList(), "no dataset that lists a split it does not hold");
    }
  }
}
