package org.snnspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The audio figures: one per feature path, each a plausible throughput (no speed is asserted). */
class AudioFeatureBenchTest {

  @Test
  void benchmarkHookReportsThroughput() {
    List<AudioFeatureBench.Figure> figures = AudioFeatureBench.run(0.05);
    assertEquals(List.of("fbank", "mel+deltas", "wav+fbank", "resample 48k->16k"),
        figures.stream().map(AudioFeatureBench.Figure::name).toList());
    for (AudioFeatureBench.Figure f : figures) {
      assertTrue(f.audioSeconds() >= 1 && f.cpuSeconds() > 0 && f.realtimeFactor() > 1, f.toString());
    }
  }
}
