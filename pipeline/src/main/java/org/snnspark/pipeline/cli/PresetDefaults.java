package org.snnspark.pipeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import org.snnspark.pipeline.io.TomlText;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults taken from a preset: a TOML file whose keys are option names without the leading
 * dashes ({@code epochs = 30}, {@code hidden = [128, 128]}). A preset only changes defaults, so
 * any option given on the command line overrides its preset key.
 *
 * <p>{@code --preset NAME} finds {@code NAME} as a file, else {@code conf/NAME.toml} under
 * {@code $SNN_SPARK_HOME}, else {@code conf/NAME.toml} inside the application jar.
 */
public final class PresetDefaults implements CommandLine.IDefaultValueProvider {
  public static final String OPTION = "--preset";

  private final String source;
  private final Map<String, String> values;

  private PresetDefaults(String source, Map<String, String> values) {
    this.source = source;
    this.values = values;
  }

  /** The preset named by {@code --preset} in {@code args}, or an empty one. */
  public static PresetDefaults fromArgs(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(OPTION) && i + 1 < args.length) {
        return load(args[i + 1]);
      }
      if (args[i].startsWith(OPTION + "=")) {
        return load(args[i].substring(OPTION.length() + 1));
      }
    }
    return new PresetDefaults(null, Map.of());
  }

  public static PresetDefaults load(String name) {
    try {
      Path file = Path.of(name);
      if (Files.isRegularFile(file)) {
        return parse(file.toString(), Files.readString(file));
      }
      String home = System.getenv("SNN_SPARK_HOME");
      if (home != null) {
        Path inHome = Path.of(home, "conf", name + ".toml");
        if (Files.isRegularFile(inHome)) {
          return parse(inHome.toString(), Files.readString(inHome));
        }
      }
      try (InputStream in = PresetDefaults.class.getResourceAsStream("/conf/" + name + ".toml")) {
        if (in != null) {
          return parse("conf/" + name + ".toml (in the application jar)",
              new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read preset '" + name + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("preset '" + name + "' not found: not a file, and no conf/"
        + name + ".toml under $SNN_SPARK_HOME or in the application jar");
  }

  static PresetDefaults parse(String source, String toml) {
    JsonNode root = TomlText.read("preset " + source, toml);
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        throw new IllegalArgumentException("preset " + source + ": [" + e.getKey()
            + "] tables are not used; write keys at the top level");
      }
      values.put(e.getKey(), TomlText.optionValue(v));
    }
    return new PresetDefaults(source, values);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      return values.get(key(option));
    }
    return null;
  }

  /** Fails on preset keys that name no option of the command being run (a typo must not pass). */
  public void checkKeysKnownTo(CommandLine.Model.CommandSpec command) {
    List<String> known = new ArrayList<>();
    for (OptionSpec o : command.options()) {
      known.add(key(o));
    }
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw new CommandLine.ParameterException(command.commandLine(), "preset " + source
            + ": '" + k + "' is not an option of '" + command.qualifiedName() + "' (see --help)");
      }
    }
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }
}
