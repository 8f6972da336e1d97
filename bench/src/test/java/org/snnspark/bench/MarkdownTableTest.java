package org.snnspark.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Markdown table of {@code bench --table}: lines without a timing say their figures in the notes. */
class MarkdownTableTest {

  @Test
  void timeToAccuracyLinesGiveEpochsUpdatesAndTrainingTimeAgainstOneWorker() {
    Map<String, Object> reached = line("tta/SYNC/w8", Map.of("workers", 8, "target", 0.9));
    reached.put("epochs_to_target", 12);
    reached.put("epochs_vs_1_worker", 1.7143);
    reached.put("predicted_epochs_vs_1_worker", 1.275);
    reached.put("averaged_updates_to_target", 84);
    reached.put("train_s_to_target", 24.138);
    reached.put("train_time_vs_1_worker", 1.8077);
    Map<String, Object> missed = line("tta/DL4J/w8", Map.of("workers", 8, "target", 0.9));
    missed.put("epochs_to_target", "not reached in 30");

    String table = MarkdownTable.render(List.of(reached, missed));

    assertTrue(table.contains("| tta/SYNC/w8 |") && table.contains("12 epochs to 90% (1.71x one worker's;"
        + " predicted 1.28x), 84 averaged updates, 24.1 s of training (1.81x one worker's) |"), table);
    assertTrue(table.contains("not reached in 30 to 90% |"), table);
  }

  @Test
  void totalLinesGiveTheEpochsOverTheDatasets() {
    Map<String, Object> total = line("tta/SYNC/w8/total", Map.of("workers", 8, "target", 0.9, "datasets", 3));
    total.put("epochs_to_target_total", 32);
    total.put("epochs_to_target_by_dataset", List.of(12, 8, 12));
    total.put("datasets_not_reached", 0);
    total.put("epochs_vs_1_worker", 1.7778);
    Map<String, Object> missed = line("tta/DL4J/w8/total", Map.of("workers", 8, "target", 0.9, "datasets", 2));
    missed.put("epochs_to_target_total", 52);
    missed.put("epochs_to_target_by_dataset", List.of(22, "not reached in 30"));
    missed.put("datasets_not_reached", 1);

    String table = MarkdownTable.render(List.of(total, missed));

    assertTrue(table.contains("| 32 epochs over 3 datasets to 90% (1.78x one worker's): 12, 8, 12 |"), table);
    assertTrue(table.contains("| at least 52 epochs over 2 datasets to 90%: 22, not reached in 30 |"), table);
  }

  @Test
  void predictedScalingLinesGiveTheEpochAtBothFrequencies() {
    Map<String, Object> predicted = line("scaling/predicted/shd-radlif/n8", Map.of("executors", 8));
    predicted.put("epoch_s_f5", 49.2);
    predicted.put("speedup_f5", 6.6);
    predicted.put("communication_share_f5", 0.2);
    predicted.put("auto_frequency", 1);
    predicted.put("epoch_s_auto", 86.7);
    predicted.put("speedup_auto", 3.8);

    String table = MarkdownTable.render(List.of(predicted));

    assertTrue(table.contains("epoch 49.2 s at frequency 5 (6.6x, communication 20%); auto frequency 1:"
        + " 86.7 s (3.8x) |"), table);
  }

  private static Map<String, Object> line(String name, Map<String, Object> params) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("name", name);
    line.put("group", name.substring(0, name.indexOf('/')));
    line.put("params", params);
    return line;
  }
}
