package org.snnspark.preprocess.synth;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.hdf5.SpikeH5Reader;
import org.snnspark.preprocess.testutil.Python;

class SyntheticShdGeneratorTest {
  private static final SyntheticShdConfig SMALL = SyntheticShdConfig.defaults().withSamples(120, 40);

  @Test
  void writesRealLayoutThatJhdfReadsBack(@TempDir Path dir) throws Exception {
    SyntheticShdGenerator gen = new SyntheticShdGenerator(SMALL);
    List<Path> files = gen.generate(dir);
    assertEquals(List.of(dir.resolve("shd_train.h5"), dir.resolve("shd_test.h5")), files);
    try (SpikeH5Reader r = new SpikeH5Reader(files.get(0), "shd_train.h5")) {
      assertEquals(120, r.numSamples());
      assertEquals(gen.classNames(), r.classNames());
      int[] labels = r.labels();
      int[] speakers = r.speakers();
      SpikeH5Reader.Block whole = r.read(0, 120);
      SpikeH5Reader.Block slice = r.read(37, 20);
      for (int i = 0; i < 120; i++) {
        SyntheticShdGenerator.Sample s = gen.sample(false, i);
        assertEquals(s.label(), labels[i]);
        assertEquals(s.speaker(), speakers[i]);
        assertTrue(s.speaker() < 10, "train uses no test-only speaker");
        assertArrayEquals(s.times(), whole.times()[i]);
        assertArrayEquals(s.units(), whole.units()[i]);
      }
      for (int i = 0; i < 20; i++) {
        assertArrayEquals(whole.times()[37 + i], slice.times()[i]);
        assertArrayEquals(whole.units()[37 + i], slice.units()[i]);
      }
    }
  }

  @Test
  void sameConfigSameBytes(@TempDir Path dir) throws Exception {
    List<Path> a = new SyntheticShdGenerator(SMALL).generate(dir.resolve("a"));
    List<Path> b = new SyntheticShdGenerator(SMALL).generate(dir.resolve("b"));
    List<Path> c = new SyntheticShdGenerator(SMALL.withSeed(43)).generate(dir.resolve("c"));
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)));
      assertFalse(Arrays.equals(Files.readAllBytes(a.get(i)), Files.readAllBytes(c.get(i))));
    }
  }

  @Test
  void h5pyReadsTheFilesLikeRealShd(@TempDir Path dir) throws Exception {
    String python = Python.withH5py();
    Assumptions.assumeTrue(python != null, "python3 with h5py not installed");
    SyntheticShdGenerator gen = new SyntheticShdGenerator(SMALL);
    List<Path> files = gen.generate(dir);
    String script = String.join("\n",
        "import sys, h5py, numpy as np",
        "f = h5py.File(sys.argv[1], 'r')",
        "t = f['spikes/times']; u = f['spikes/units']",
        "assert t.dtype.metadata['vlen'] == np.float16, t.dtype",
        "assert u.dtype.metadata['vlen'] == np.uint16, u.dtype",
        "assert f['labels'].dtype == np.uint16 and f['extra/speaker'].dtype == np.uint16",
        "assert f['extra/meta_info/body_height'].dtype == np.float64",
        "print(len(t), len(t[5]), float(t[5][0]), float(t[5][-1]), int(u[5][0]), int(f['labels'][5]),",
        "      int(f['extra/speaker'][5]), f['extra/keys'][int(f['labels'][5])].decode(),",
        "      f['extra/meta_info/gender'][0].decode(), len(f['extra/meta_info/age']))");
    Python.Result res = Python.run(python, script, files.get(0).toString());
    assertEquals(0, res.exitCode(), res.stderr());
    SyntheticShdGenerator.Sample s = gen.sample(false, 5);
    String[] f = res.stdout().trim().split(" ");
    assertEquals("120", f[0]);
    assertEquals(String.valueOf(s.times().length), f[1]);
    assertEquals(s.times()[0], Float.parseFloat(f[2]));
    assertEquals(s.times()[s.times().length - 1], Float.parseFloat(f[3]));
    assertEquals(String.valueOf(s.units()[0]), f[4]);
    assertEquals(String.valueOf(s.label()), f[5]);
    assertEquals(String.valueOf(s.speaker()), f[6]);
    assertEquals(gen.classNames().get(s.label()), f[7]);
    assertEquals("12", f[9]);
  }
}
