package org.snnspark.pipeline.sweep;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.snnspark.pipeline.io.StagedOutput;

/**
 * The sweep's {@code journal/}: one JSON file per trial and rung reached ({@code 003.rung-1.json}),
 * each written whole or not at all once its job has ended. A killed sweep's journal is what it had
 * finished; {@code sweep --resume} reads it back instead of training those jobs again.
 */
final class SweepJournal {
  static final String DIR = "journal";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private final StagedOutput out;

  SweepJournal(StagedOutput out) {
    this.out = out;
  }

  void write(RungResult r) {
    out.writeAtomically(DIR + "/" + r.trial() + ".rung-" + r.rung() + ".json", o -> JSON.writeValue(o, r));
  }

  /** Every entry written so far, by trial and rung. */
  List<RungResult> read() {
    Path dir = out.resolve(DIR);
    List<RungResult> entries = new ArrayList<>();
    try {
      if (!out.fs().exists(dir)) {
        return entries;
      }
      for (FileStatus f : out.fs().listStatus(dir)) {
        if (f.getPath().getName().endsWith(".json") && !f.getPath().getName().startsWith("_tmp.")) {
          try (InputStream in = out.fs().open(f.getPath())) {
            entries.add(JSON.readValue(in, RungResult.class));
          } catch (IOException e) {
            throw new UncheckedIOException("sweep journal entry " + f.getPath() + " cannot be read: "
                + e.getMessage(), e);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the sweep journal " + dir + ": " + e.getMessage(), e);
    }
    entries.sort(Comparator.comparing(RungResult::trial).thenComparingInt(RungResult::rung));
    return entries;
  }
}
