package org.snnspark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.pipeline.cli.SnnSpark;

/** The command end to end on one tiny layer configuration (no timing is asserted). */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void quickFilteredRunWritesOneJsonLinePerMeasurementAndRendersATable() throws Exception {
    Path out = dir.resolve("bench.jsonl");
    int code = SnnSpark.execute("bench", "--quick", "--filter", "layer/LIF/", "--hidden", "16", "--steps", "10",
        "--batch", "4", "--repeats", "2", "--warmup", "1", "--min-run-seconds", "0.01", "--output", out.toString());
    assertEquals(0, code);

    List<Map<String, Object>> rows = JsonLines.read(out);
    List<Object> names = rows.stream().map(r -> r.get("name")).toList();
    assertEquals(List.of("roofline/sgemm 12800x700x128", "roofline/sgemm 2048x2048x2048",
        "layer/LIF/h16/t10/b4/fwd", "layer/LIF/h16/t10/b4/fwd+bwd"), names);
    for (Map<String, Object> r : rows) {
      assertEquals(2, r.get("n"), r.toString());
      double min = ((Number) r.get("min")).doubleValue();
      double median = ((Number) r.get("median")).doubleValue();
      double max = ((Number) r.get("max")).doubleValue();
      assertTrue(0 < min && min <= median && median <= max, r.toString());
      assertTrue(((Number) r.get("gflops")).doubleValue() > 0, r.toString());
      Map<?, ?> env = (Map<?, ?>) r.get("env");
      assertTrue(env.get("backend").toString().contains("Backend"), env.toString());
      assertNotNull(env.get("nd4j_threads"));
      assertNotNull(env.get("jvm"));
      assertNotNull(env.get("load_avg_start"));
      assertTrue(env.containsKey("omp_num_threads"));
    }
    Map<String, Object> fwd = rows.get(2);
    assertEquals(Map.of("neuron", "LIF", "recurrent", false, "inputs", 700, "hidden", 16, "steps", 10, "batch", 4,
        "classes", 20, "mode", "fwd"), fwd.get("params"));
    double samplesPerSecond = ((Number) fwd.get("samples_per_s")).doubleValue();
    assertEquals(4 / ((Number) fwd.get("median")).doubleValue(), samplesPerSecond, samplesPerSecond * 1e-3);
    double rate = ((Number) fwd.get("firing_rate")).doubleValue();
    assertTrue(rate > 0 && rate < 0.5, "the input is scaled to make the layer fire: " + rate);
    assertNotNull(rows.get(3).get("roofline_fraction"));

    String table = MarkdownTable.render(rows);
    assertTrue(table.contains("Roofline: "), table);
    assertTrue(table.contains("| layer/LIF/h16/t10/b4/fwd+bwd | "), table);
    assertTrue(table.contains("load average at start"), table);
  }
}
