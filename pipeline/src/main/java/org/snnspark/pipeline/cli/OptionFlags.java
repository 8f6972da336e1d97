package org.snnspark.pipeline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.snnspark.preprocess.dataset.JobOptions;
import org.snnspark.preprocess.dataset.Option;
import org.snnspark.preprocess.dataset.OptionType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags of a job whose options are not declared in the CLI but generated from the job's
 * {@link Option} declarations (name, type, default and documentation in one place, in the
 * preprocess module): {@code nSteps} becomes {@code --n-steps}, its doc and default the help text,
 * its type whether the flag takes a value, none, or a list. Presets follow, as their keys are the
 * flags' names.
 */
final class OptionFlags {
  private final List<Option<?>> keys;
  private final List<OptionSpec> flags = new ArrayList<>();

  /** Adds a flag to {@code command} for each of {@code keys}, in their order. */
  OptionFlags(CommandSpec command, List<Option<?>> keys) {
    this.keys = keys;
    for (Option<?> key : keys) {
      OptionSpec flag = flag(key);
      flags.add(flag);
      command.addOption(flag);
    }
  }

  private static OptionSpec flag(Option<?> key) {
    OptionType.Shape shape = key.type().shape();
    boolean list = shape == OptionType.Shape.LIST;
    List<String> names = new ArrayList<>(List.of("--" + kebab(key.name())));
    if (key.name().equals("inputs")) {
      names.add(0, "--input");
    }
    String dflt = key.defaultValue();
    OptionSpec.Builder option = OptionSpec.builder(names.toArray(String[]::new))
        .paramLabel(list ? "VALUE[,VALUE...]" : "VALUE")
        // picocli formats descriptions (String.format): a literal % in a key's doc must be doubled
        .description((key.doc() + (dflt.isEmpty() ? "" : ". Default: " + dflt)).replace("%", "%%"));
    if (list) {
      option.type(String[].class).auxiliaryTypes(String.class).arity("1");
    } else if (shape == OptionType.Shape.FLAG) {
      option.type(String.class).arity("0..1").fallbackValue("true");
    } else {
      option.type(String.class);
    }
    return option.build();
  }

  /** Sets on {@code options} each key whose flag was given (or set by the preset); the others keep their defaults. */
  <C extends JobOptions<C>> C applyTo(C options) {
    for (int i = 0; i < keys.size(); i++) {
      Object value = flags.get(i).getValue();
      if (value instanceof String[] values) {
        value = values.length == 0 ? null : String.join(",", values);
      }
      if (value != null) {
        options.set(keys.get(i).name(), value.toString());
      }
    }
    return options;
  }

  /** The flag name of a key without its dashes: {@code nSteps} -> {@code n-steps}. */
  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
