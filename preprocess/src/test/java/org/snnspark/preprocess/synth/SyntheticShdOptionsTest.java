package org.snnspark.preprocess.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.synth.SyntheticShdOptions.Profile;

class SyntheticShdOptionsTest {

  @Test
  void unsetOptionsReadAsTheirDeclaredDefaults() {
    SyntheticShdConfig c = new SyntheticShdOptions().config();
    assertEquals(SyntheticShdConfig.defaults(), c);
    assertEquals(new SyntheticShdConfig(1000, 300, 10, 700, 12, 2, 1.0, 6, 2000, 300, 0.004, 42L), c);
  }

  @Test
  void hardProfileChangesItsDefaultsAndExplicitOptionsOverrideIt() {
    SyntheticShdOptions hard = new SyntheticShdOptions().set("profile", "hard");
    assertEquals(SyntheticShdConfig.defaults().toBuilder().classes(20).channels(128).speakers(24)
        .testOnlySpeakers(4).jitter(0.12).noiseRate(6000).build(), hard.config());
    assertEquals(SyntheticShdConfig.hard(), hard.config());

    SyntheticShdConfig overridden = hard.set("classes", "35").set("train-samples", "2000").config();
    assertEquals(35, overridden.classes());
    assertEquals(2000, overridden.trainSamples());
    assertEquals(128, overridden.channels());
  }

  @Test
  void everyKeyOfAProfileIsAnOption() {
    for (Profile p : Profile.values()) {
      p.defaults().keySet().forEach(SyntheticShdOptions.OPTIONS::find);
    }
  }

  @Test
  void eachProblemIsOneMessageNamingItsOptionAndRange() {
    assertEquals("{classes} must be in 2..720 (orders of 6 bands), got 1000",
        problem(new SyntheticShdOptions().set("classes", "1000")));
    assertEquals("{signalRate} must be > 0, got 0.0", problem(new SyntheticShdOptions().set("signalRate", "0")));
    assertEquals("{jitter} must be >= 0 seconds, got -0.1", problem(new SyntheticShdOptions().set("jitter", "-0.1")));
    assertEquals("{testOnlySpeakers} must be in 0..11 (fewer than the 12 {speakers}), got 12",
        problem(new SyntheticShdOptions().set("testOnlySpeakers", "12")));
    assertEquals("{output} is not set",
        assertThrows(OptionException.class, () -> new SyntheticShdOptions().output()).message(k -> "{" + k + "}"));
  }

  private static String problem(SyntheticShdOptions options) {
    return assertThrows(OptionException.class, options::config).message(k -> "{" + k + "}");
  }
}
