package org.snnspark.pipeline.io;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Renders the picocli-annotated options of a config object as TOML, keyed like presets, so the
 * record a job leaves ({@code run.toml}) can be passed back as {@code --preset} to repeat it.
 */
public final class OptionsToml {
  private OptionsToml() {}

  /** A config with options besides its annotated fields, generated from declarations. */
  public interface Generated {
    /** The set ones' values by preset key. */
    Map<String, Object> generatedOptions();
  }

  public static String render(String header, Object... configs) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(header).append('\n');
    for (Object config : configs) {
      for (Field f : config.getClass().getDeclaredFields()) {
        Option option = f.getAnnotation(Option.class);
        if (option == null) {
          continue;
        }
        try {
          f.setAccessible(true);
          Object value = f.get(config);
          if (value == null || value instanceof Map<?, ?> m && m.isEmpty()) {
            continue;
          }
          out.append(key(option)).append(" = ").append(toml(value)).append('\n');
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
      if (config instanceof Generated g) {
        g.generatedOptions().forEach((key, value) -> out.append(key).append(" = ").append(toml(value)).append('\n'));
      }
    }
    return out.toString();
  }

  private static String key(Option option) {
    String longest = "";
    for (String n : option.names()) {
      if (n.length() > longest.length()) {
        longest = n;
      }
    }
    return longest.replaceFirst("^-+", "");
  }

  private static String toml(Object v) {
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v.getClass().isArray()) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < Array.getLength(v); i++) {
        b.append(i == 0 ? "" : ", ").append(toml(Array.get(v, i)));
      }
      return b.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("[");
      m.forEach((k, val) -> b.append(b.length() == 1 ? "" : ", ").append(toml(k + "=" + val)));
      return b.append(']').toString();
    }
    return '"' + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
