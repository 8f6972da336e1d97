package org.snnspark.preprocess.spikes;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snnspark.preprocess.dataset.Option;

class SpikePreprocessConfigTest {

  @Test
  void everyKeyHasDocDefaultAndRoundTripsThroughText() {
    SpikePreprocessConfig defaults = new SpikePreprocessConfig();
    for (Option<?> k : SpikePreprocessConfig.OPTIONS.options()) {
      assertFalse(k.doc().isBlank(), k.name());
      SpikePreprocessConfig c = new SpikePreprocessConfig();
      if (!k.defaultValue().isEmpty()) {
        c.set(k.name(), k.defaultValue());
      }
      assertEquals(defaults.toMap(), c.toMap(), k.name());
    }
    assertEquals("100", SpikePreprocessConfig.OPTIONS.find("nSteps").defaultValue());
    assertEquals("1.4", SpikePreprocessConfig.OPTIONS.find("maxTime").defaultValue());
    assertEquals("FAIL", SpikePreprocessConfig.OPTIONS.find("onBadSample").defaultValue());
  }

  @Test
  void setsFromTextWithKebabOrSnakeNames() {
    SpikePreprocessConfig c = new SpikePreprocessConfig()
        .set("inputs", "train=/d/shd_train.h5, test=hdfs://nn/d/shd_test.h5")
        .set("n-steps", "250").set("on_bad_sample", "skip").set("mode", "events")
        .set("validSpeakers", "3, 1").set("overwrite", "true").set("time-window", "0.01");
    assertEquals(Map.of("train", "/d/shd_train.h5", "test", "hdfs://nn/d/shd_test.h5"), c.getInputs());
    assertEquals(250, c.getNSteps());
    assertEquals(SpikePreprocessConfig.OnBadSample.SKIP, c.getOnBadSample());
    assertEquals(SpikePreprocessConfig.Mode.EVENTS, c.getMode());
    assertEquals(List.of(3, 1), c.getValidSpeakers());
    assertTrue(c.isOverwrite());
    assertEquals("train=/d/shd_train.h5,test=hdfs://nn/d/shd_test.h5", c.toMap().get("inputs"));
  }

  @Test
  void errorsNameTheKey() {
    SpikePreprocessConfig c = new SpikePreprocessConfig();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.set("nStep", "3"));
    assertTrue(e.getMessage().contains("unknown spike preprocessing option 'nStep'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.set("mode", "dense"));
    assertTrue(e.getMessage().startsWith("bad value 'dense' for mode"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.set("overwrite", "yes"));
    assertTrue(e.getMessage().contains("expected true or false"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SpikePreprocessConfig().setInputDir("/x").setOutput("/y").setDownsample(2).validate());
    assertEquals("downsample must be in (0, 1], got 2.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SpikePreprocessConfig().setOutput("/y").validate());
    assertTrue(e.getMessage().startsWith("no input"), e.getMessage());
  }
}
