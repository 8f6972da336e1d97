package org.snnspark.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes measurements as JSON Lines — one object per line on stdout and, optionally, in a file
 * (flushed per line, so an interrupted run keeps what it measured) — and reads such files back.
 */
public final class JsonLines implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final BufferedWriter file;
  private final Map<String, Object> env;

  /**
   * @param out where the lines go (the process' real stdout)
   * @param file also write them here (replaced), or null
   * @param env the environment attached to every line
   */
  public JsonLines(PrintStream out, Path file, Map<String, Object> env) throws IOException {
    this.out = out;
    this.env = env;
    if (file != null) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      this.file = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } else {
      this.file = null;
    }
  }

  public void emit(ResultLine line) {
    String json = format(line, env);
    out.println(json);
    out.flush();
    if (file != null) {
      try {
        file.write(json);
        file.newLine();
        file.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the results file: " + e.getMessage(), e);
      }
    }
  }

  /** One line of JSON (no line breaks inside: Jackson's compact form escapes them in strings). */
  public static String format(ResultLine line, Map<String, Object> env) {
    try {
      return JSON.writeValueAsString(line.toMap(env));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot format " + line.name() + ": " + e.getMessage(), e);
    }
  }

  /** Reads a JSON Lines file: one map per non-blank line. */
  public static List<Map<String, Object>> read(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        rows.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(file + " line " + lineNo + " is not a JSON object: "
            + e.getOriginalMessage());
      }
    }
    return rows;
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}
