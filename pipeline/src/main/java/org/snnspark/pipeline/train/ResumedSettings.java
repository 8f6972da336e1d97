package org.snnspark.pipeline.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.snnspark.pipeline.io.StagedOutput;
import org.snnspark.pipeline.io.TomlText;

/**
 * A resumed run must be the run that was interrupted: {@code --resume} promises the result of an
 * uninterrupted run, and a checkpoint continued with another learning rate, network or dataset
 * would be neither run while its {@code run.toml} claimed the new settings. The interrupted run's
 * settings are the {@code run.toml} it wrote when it started; every key must keep its value except
 * those that do not change what the epochs compute.
 */
final class ResumedSettings {
  /**
   * Keys a resumed run may change: the run's length (no schedule depends on the epoch count), how
   * many checkpoints it keeps, and the flags that say how to treat the output.
   */
  static final Set<String> MAY_CHANGE = Set.of("epochs", "stop-at-accuracy", "keep-checkpoints", "resume",
      "overwrite");

  private ResumedSettings() {
  }

  /**
   * Refuses to resume {@code out} with {@code settings} (a run.toml text) unless they equal the
   * interrupted run's, the keys of {@link #MAY_CHANGE} aside. One line names every key that
   * differs, with both values.
   */
  static void requireSame(StagedOutput out, String settings) {
    Path recorded = out.resolve(StagedOutput.RUN_MARKER);
    Optional<String> before = out.readString(StagedOutput.RUN_MARKER);
    if (before.isEmpty()) {
      return;
    }
    List<String> changed = differences(entries(recorded.toString(), before.get()),
        entries("this run's settings", settings));
    if (!changed.isEmpty()) {
      throw new IllegalArgumentException("--resume: the interrupted run of " + out.target() + " was started with"
          + " other settings: " + String.join(", ", changed) + "; resume with its settings (--preset "
          + recorded + " repeats them) or start again with --overwrite");
    }
  }

  /**
   * Refuses to resume a run that trained with {@code recorded} workers with {@code now}: the data
   * order and the averaging depend on the count, so the result would be neither run's. The
   * settings alone do not catch it: {@code --workers 0} resolves to one worker per executor, and a
   * cluster may have been resized. {@code recorded} 0 is a checkpoint that did not record it.
   */
  static void requireSameWorkers(int recorded, int now, String output) {
    if (recorded != 0 && recorded != now) {
      throw new IllegalArgumentException("--resume: the interrupted run of " + output + " trained with "
          + recorded + " worker(s), this run would train with " + now + " (--workers 0 is one per executor);"
          + " resume with --workers " + recorded + ", or start again with --overwrite");
    }
  }

  /** "--key now (was before)" for every key whose value differs, in key order. */
  static List<String> differences(Map<String, String> before, Map<String, String> now) {
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(now.keySet());
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      String was = before.get(key);
      String is = now.get(key);
      if (!MAY_CHANGE.contains(key) && !Objects.equals(was, is)) {
        out.add("--" + key + " " + (is == null ? "unset" : is) + " (was " + (was == null ? "unset" : was) + ")");
      }
    }
    return out;
  }

  /** A run.toml's keys and their values as the command line writes them. */
  static Map<String, String> entries(String what, String toml) {
    Map<String, String> out = new LinkedHashMap<>();
    TomlText.read(what, toml).fields().forEachRemaining(e -> out.put(e.getKey(), TomlText.optionValue(e.getValue())));
    return out;
  }
}
