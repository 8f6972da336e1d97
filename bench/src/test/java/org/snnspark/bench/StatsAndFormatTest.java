package org.snnspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsAndFormatTest {
  @TempDir Path dir;

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    Stats s = Stats.of(5, 1, 4, 2, 3);
    assertEquals(new Stats(5, 3, 1, 5), s);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertEquals(new Stats(4, 2.5, 1, 10), Stats.of(10, 1, 3, 2));
    assertEquals(new Stats(1, 7, 7, 7), Stats.of(7));
  }

  @Test
  void anOutlierMovesMinOrMaxButNotTheMedian() {
    Stats s = Stats.of(1.0, 1.1, 0.9, 1.0, 50.0);
    assertEquals(1.0, s.median());
    assertEquals(50.0, s.max());
  }

  @Test
  void noValuesOrANaNAreRejected() {
    assertThrows(IllegalArgumentException.class, Stats::of);
    assertThrows(IllegalArgumentException.class, () -> Stats.of(1, Double.NaN));
  }

  @Test
  void theInputArrayIsNotReordered() {
    double[] v = {3, 1, 2};
    Stats.of(v);
    assertEquals(3, v[0]);
  }

  @Test
  void shortWorkIsRepeatedWithinATimedRun() {
    assertEquals(1, Timer.callsPerRun(0.5, 0.2));
    assertEquals(10, Timer.callsPerRun(0.02, 0.2));
    assertEquals(1000, Timer.callsPerRun(0, 0.2));
    assertEquals(1, Timer.callsPerRun(0.001, 0));
  }

  @Test
  void theTimerRunsWarmupThenRepeatsAndConsumesEveryResult() throws Exception {
    int[] calls = {0};
    double before = Timer.sink();
    Timer.Timing t = new Timer(2, 3, 0).time(() -> ++calls[0]);
    assertEquals(5, calls[0]);
    assertEquals(3, t.seconds().n());
    assertEquals(1, t.callsPerRun());
    assertEquals(before + 1 + 2 + 3 + 4 + 5, Timer.sink());
    assertTrue(t.seconds().min() <= t.seconds().median() && t.seconds().median() <= t.seconds().max());
  }

  /** Interleaved A/B: settle runs before every call of either, and its time is in neither's figure. */
  @Test
  void interleavedWorkSettlesBeforeEachCallUntimed() throws Exception {
    List<String> order = new java.util.ArrayList<>();
    Timer.Timing[] t = new Timer(1, 2, 0).timeInterleaved(() -> {
      order.add("a");
      return 1;
    }, () -> {
      order.add("b");
      return 2;
    }, () -> {
      order.add("settle");
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(List.of("settle", "a", "settle", "b", "settle", "a", "settle", "b", "settle", "a", "settle", "b"),
        order);
    assertTrue(t[0].seconds().max() < 0.2 && t[1].seconds().max() < 0.2,
        "a " + t[0].seconds().max() + " s, b " + t[1].seconds().max() + " s: the 200 ms settles were timed");
  }

  /** A minimum warm-up time extends the warm-up past its count (the JIT's time), never the timed runs. */
  @Test
  void warmUpLastsItsMinimumTime() throws Exception {
    List<Long> starts = new java.util.ArrayList<>();
    Timer.Timing t = new Timer(1, 2, 0, 0.05).time(() -> {
      starts.add(System.nanoTime());
      Thread.sleep(5);
      return 0;
    });
    assertEquals(2, t.seconds().n());
    assertTrue(starts.size() > 3, "warm-up went on past its one counted call: " + starts.size() + " calls");
    // the first timed call (the last two calls are the timed runs) starts after 50 ms of warm-up
    double warmup = (starts.get(starts.size() - 2) - starts.get(0)) / 1e9;
    assertTrue(warmup >= 0.05, "warm-up lasted " + warmup + " s");
  }

  @Test
  void aResultIsOneLineOfJsonWithStatsParamsDerivedFiguresAndEnvironment() throws Exception {
    ResultLine line = new ResultLine("layer/LIF/h128/t100/b32/fwd", "layer")
        .timing(new Timer.Timing(Stats.of(0.0123456789, 0.011, 0.02), 4))
        .param("hidden", 128).param("note", "a\nb")
        .put("gflops", 123.456789).put("roofline_fraction", Double.NaN).put("firing_rates", new double[] {0.05, 0.1});
    String json = JsonLines.format(line, Map.of("backend", "CpuBackend", "nd4j_threads", 2));
    assertFalse(json.contains("\n"), json);

    Map<?, ?> m = new ObjectMapper().readValue(json, Map.class);
    assertEquals(List.of("name", "group", "unit", "n", "median", "min", "max", "calls_per_run", "params", "gflops",
        "roofline_fraction", "firing_rates", "load_1m", "env"), List.copyOf(m.keySet()));
    assertEquals("s", m.get("unit"));
    assertEquals(3, m.get("n"));
    assertEquals(0.012346, m.get("median"));
    assertEquals(0.011, m.get("min"));
    assertEquals(0.02, m.get("max"));
    assertEquals(123.46, m.get("gflops"));
    assertNull(m.get("roofline_fraction"), "NaN is not JSON: written as null");
    assertEquals(Map.of("hidden", 128, "note", "a\nb"), m.get("params"));
    assertEquals("CpuBackend", ((Map<?, ?>) m.get("env")).get("backend"));
  }

  @Test
  void linesGoToTheStreamAndTheFileAndReadBack() throws Exception {
    Path file = dir.resolve("sub/results.jsonl");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (JsonLines lines = new JsonLines(new java.io.PrintStream(bytes, true), file, Map.of("cores", 2))) {
      lines.emit(new ResultLine("a", "g").stats(Stats.of(1, 2, 3), "s"));
      lines.emit(new ResultLine("b", "g").put("skipped", "too big"));
    }
    String printed = bytes.toString();
    assertEquals(printed, Files.readString(file));
    List<Map<String, Object>> rows = JsonLines.read(file);
    assertEquals(2, rows.size());
    assertEquals("a", rows.get(0).get("name"));
    assertEquals(2.0, rows.get(0).get("median"));
    assertEquals("too big", rows.get(1).get("skipped"));

    Files.writeString(file, "{\"name\": \"ok\"}\nnot json\n");
    assertThrows(IllegalArgumentException.class, () -> JsonLines.read(file));
  }

  @Test
  void theFilterMatchesSubstringsOfNamesIgnoringCase() {
    BenchSettings all = settings(List.of(), BenchSettings.Grid.STAR, new int[] {128}, new int[] {100}, new int[] {32});
    assertTrue(all.selected("anything"));
    BenchSettings some = settings(List.of("layer/radlif", "spark/"), BenchSettings.Grid.STAR,
        new int[] {128}, new int[] {100}, new int[] {32});
    assertTrue(some.selected("layer/RADLIF/h128/t100/b32/fwd"));
    assertTrue(some.selected("spark/RADLIF/h128x2/t100/b32"));
    assertFalse(some.selected("layer/LIF/h128/t100/b32/fwd"));
    assertFalse(some.selected("step/RADLIF/h128x2/t100/b32"));
  }

  @Test
  void theStarGridVariesOneAxisAtATimeAroundSparchsPoint() {
    int[] h = {128, 256}, t = {50, 100}, b = {32, 128};
    List<BenchSettings.Point> star = settings(List.of(), BenchSettings.Grid.STAR, h, t, b).points();
    assertEquals(4, star.size());
    assertTrue(star.contains(new BenchSettings.Point(128, 100, 128)));
    assertTrue(star.contains(new BenchSettings.Point(256, 100, 128)));
    assertTrue(star.contains(new BenchSettings.Point(128, 50, 128)));
    assertTrue(star.contains(new BenchSettings.Point(128, 100, 32)));
    assertEquals(8, settings(List.of(), BenchSettings.Grid.FULL, h, t, b).points().size());
    // without sparch's values on an axis, the first value is the centre
    assertEquals(List.of(new BenchSettings.Point(16, 10, 4)),
        settings(List.of(), BenchSettings.Grid.STAR, new int[] {16}, new int[] {10}, new int[] {4}).points());
  }

  private static BenchSettings settings(List<String> filters, BenchSettings.Grid grid, int[] h, int[] t, int[] b) {
    return new BenchSettings(filters, new Timer(1, 1, 0), grid, h, t, b, 0.05, new int[] {32}, new int[] {32}, 5,
        "local[2]", 10, 0.1, new BenchSettings.TimeToAccuracy(new int[] {1}, List.of(TtaSetup.SYNC), 0.9, 1, 20,
            List.of(1L)), 1);
  }
}
