package org.snnspark.pipeline.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.List;

/** Reading the TOML files options come from (presets, a run's run.toml, sweep specs). */
public final class TomlText {
  private TomlText() {}

  /** {@code toml} as a tree; a syntax error is one line starting with {@code what}. */
  public static JsonNode read(String what, String toml) {
    try {
      return new TomlMapper().readTree(toml);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(what + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
    }
  }

  /** A TOML value as the text its option takes on the command line: a list comma separated. */
  public static String optionValue(JsonNode v) {
    List<String> items = new ArrayList<>();
    if (v.isArray()) {
      v.forEach(item -> items.add(item.asText()));
    } else {
      items.add(v.asText());
    }
    return String.join(",", items);
  }
}
