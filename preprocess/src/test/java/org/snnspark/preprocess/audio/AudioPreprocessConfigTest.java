package org.snnspark.preprocess.audio;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snnspark.preprocess.dataset.Option;

/** The typed option registry: names, defaults, text round trips, validation messages. */
class AudioPreprocessConfigTest {

  @Test
  void everyKeyIsDocumentedUniqueAndRoundTrips() {
    Set<String> names = new HashSet<>();
    AudioPreprocessConfig defaults = new AudioPreprocessConfig();
    Map<String, String> map = defaults.toMap();
    for (Option<?> k : AudioPreprocessConfig.OPTIONS.options()) {
      assertTrue(names.add(k.name().toLowerCase()), "duplicate key " + k.name());
      assertFalse(k.doc().isBlank(), k.name());
      assertEquals(k.defaultValue(), map.get(k.name()), k.name());
    }
    assertEquals(names.size(), map.size());
    // setting every key to its own text form changes nothing
    AudioPreprocessConfig again = new AudioPreprocessConfig();
    map.forEach(again::set);
    assertEquals(map, again.toMap());
  }

  @Test
  void defaultsAreSparchsFbankAndYinsMelOptions() {
    AudioPreprocessConfig c = new AudioPreprocessConfig();
    assertEquals(AudioPreprocessConfig.Features.FBANK, c.getFeatures());
    assertEquals(KaldiFbank.Options.sparch(16000), c.fbankOptions());
    assertEquals(40, c.numFeatures());
    assertEquals(0.01, c.frameShiftSeconds(), 1e-12);
    c.setFeatures(AudioPreprocessConfig.Features.MEL);
    assertEquals(new MelSpectrogram.Options(16000, 480, 160, 0, 40, 20, 4000, 2, true, MelSpectrogram.PadMode.REFLECT,
        MelSpectrogram.Scale.SLANEY, true), c.melOptions());
    assertEquals(120, c.numFeatures(), "40 mels x (static, delta, delta-delta)");
    assertEquals(AudioPreprocessConfig.MelLog.LOG1P_MAX, c.getMelLog());
  }

  @Test
  void textForms() {
    AudioPreprocessConfig c = new AudioPreprocessConfig()
        .set("gsc-task", "kws12").set("keywords", "yes, no ,up").set("unknown_fraction", "all")
        .set("MEL_PAD_MODE", "constant").set("fbankWindow", "hamming").set("overwrite", "TRUE")
        .set("resample-window", "hann");
    assertEquals(AudioPreprocessConfig.GscTask.KWS12, c.getGscTask());
    assertEquals(List.of("yes", "no", "up"), c.getKeywords());
    assertEquals(-1, c.getUnknownFraction());
    assertEquals("all", c.toMap().get("unknownFraction"));
    assertEquals("yes,no,up", c.toMap().get("keywords"));
    assertEquals(MelSpectrogram.PadMode.CONSTANT, c.getMelPadMode());
    assertEquals(KaldiFbank.Window.HAMMING, c.getFbankWindow());
    assertTrue(c.isOverwrite());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> c.set("nFft", "512"));
    assertTrue(unknown.getMessage().startsWith("unknown audio preprocessing option 'nFft' (known: inputDir, corpus,"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> c.set("features", "mfcc"));
    assertTrue(bad.getMessage().startsWith("bad value 'mfcc' for features"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.set("peakNormalize", "yes"));
  }

  @Test
  void validationNamesTheOption() {
    AudioPreprocessConfig ok = new AudioPreprocessConfig().setInputDir("/in").setOutput("/out");
    ok.validate();
    assertEquals("inputDir is not set (the corpus root directory)",
        message(new AudioPreprocessConfig().setOutput("/out")));
    assertEquals("validFraction + testFraction must leave some training data",
        message(copy(ok).setValidFraction(0.5).setTestFraction(0.5)));
    assertEquals("features FBANK: bad mel range: low 20.0 Hz, high 9000.0 Hz (= 9000.0), Nyquist 8000.0",
        message(copy(ok).setFbankHighFreq(9000)));
    assertEquals("features MEL: bad mel range: fmin 20.0 Hz, fmax 9000.0 Hz, Nyquist 8000.0",
        message(copy(ok).setFeatures(AudioPreprocessConfig.Features.MEL).setMelFmax(9000)));
    assertEquals("features MEL: delta width must be odd and >= 3, got 8",
        message(copy(ok).setFeatures(AudioPreprocessConfig.Features.MEL).setMelDeltaWidth(8)));
    assertEquals("keywords repeat a word: [yes, yes]", message(copy(ok).setKeywords(List.of("yes", "yes"))));
    assertEquals("resampleRolloff must be in (0, 1], got 1.5", message(copy(ok).setResampleRolloff(1.5)));
  }

  private static String message(AudioPreprocessConfig c) {
    return assertThrows(IllegalArgumentException.class, c::validate).getMessage();
  }

  private static AudioPreprocessConfig copy(AudioPreprocessConfig c) {
    AudioPreprocessConfig n = new AudioPreprocessConfig();
    c.toMap().forEach(n::set);
    return n;
  }
}
