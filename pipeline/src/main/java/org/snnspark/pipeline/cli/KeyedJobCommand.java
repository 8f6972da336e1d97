package org.snnspark.pipeline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.JobOptions;
import org.snnspark.preprocess.dataset.Option;
import org.snnspark.preprocess.dataset.OptionType;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A preprocessing job whose options are not declared here but generated from the job's
 * {@link Option} declarations (name, type, default and documentation in one place, in the
 * preprocess module); {@code nSteps} becomes {@code --n-steps}. Presets and {@code --help} follow
 * the declarations; the type says whether a flag takes a value, none, or a list.
 *
 * @param <C> the job's config class
 */
final class KeyedJobCommand<C extends JobOptions<C>> implements Callable<Integer> {
  private final String name;
  private final List<Option<?>> keys;
  private final Supplier<C> newConfig;
  private final Consumer<C> validate;
  private final BiFunction<C, SparkSession, DatasetManifest> run;
  private final SparkOptions spark = new SparkOptions();
  private final List<OptionSpec> keyOptions = new ArrayList<>();
  private final CommandLine commandLine;

  KeyedJobCommand(String name, String[] description, List<Option<?>> keys, Supplier<C> newConfig,
      Consumer<C> validate, BiFunction<C, SparkSession, DatasetManifest> run) {
    this.name = name;
    this.keys = keys;
    this.newConfig = newConfig;
    this.validate = validate;
    this.run = run;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.name(name).mixinStandardHelpOptions(true);
    spec.usageMessage().description(description);
    for (Option<?> key : keys) {
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
      OptionSpec built = option.build();
      keyOptions.add(built);
      spec.addOption(built);
    }
    spec.addMixin("spark", CommandSpec.forAnnotatedObject(spark));
    spec.addMixin("preset", CommandSpec.forAnnotatedObject(new PresetOption()));
    this.commandLine = new CommandLine(spec);
  }

  CommandLine commandLine() {
    return commandLine;
  }

  /** The config the parsed options (and the preset) describe; unset keys keep their defaults. */
  C config() {
    C cfg = newConfig.get();
    for (int i = 0; i < keys.size(); i++) {
      Object value = keyOptions.get(i).getValue();
      if (value instanceof String[] values) {
        value = values.length == 0 ? null : String.join(",", values);
      }
      if (value != null) {
        cfg.set(keys.get(i).name(), value.toString());
      }
    }
    validate.accept(cfg);
    return cfg;
  }

  @Override
  public Integer call() {
    C cfg = config();
    try (SparkSessions.Owned owned = SparkSessions.open("snn-spark preprocess " + name, spark.master,
        spark.conf)) {
      SparkSession session = owned.session();
      DatasetManifest m = run.apply(cfg, session);
      System.out.println("dataset written: " + m.getSplitCounts() + " samples, "
          + m.getNumChannels() + " channels x " + m.getNumSteps() + " steps, "
          + m.getClassNames().size() + " classes");
      return 0;
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
