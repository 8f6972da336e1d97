package org.snnspark.pipeline.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.dataset.JobOptions;
import org.snnspark.preprocess.dataset.Option;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A preprocessing job on Spark whose flags are generated from the job's {@link Option} declarations
 * ({@link OptionFlags}); it writes a dataset and prints what its manifest says.
 *
 * @param <C> the job's config class
 */
final class KeyedJobCommand<C extends JobOptions<C>> implements Callable<Integer> {
  private final String name;
  private final Supplier<C> newConfig;
  private final Consumer<C> validate;
  private final BiFunction<C, SparkSession, DatasetManifest> run;
  private final SparkOptions spark = new SparkOptions();
  private final OptionFlags flags;
  private final CommandLine commandLine;

  KeyedJobCommand(String name, String[] description, List<Option<?>> keys, Supplier<C> newConfig,
      Consumer<C> validate, BiFunction<C, SparkSession, DatasetManifest> run) {
    this.name = name;
    this.newConfig = newConfig;
    this.validate = validate;
    this.run = run;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.name(name).mixinStandardHelpOptions(true);
    spec.usageMessage().description(description);
    this.flags = new OptionFlags(spec, keys);
    spec.addMixin("spark", CommandSpec.forAnnotatedObject(spark));
    spec.addMixin("preset", CommandSpec.forAnnotatedObject(new PresetOption()));
    this.commandLine = new CommandLine(spec);
  }

  CommandLine commandLine() {
    return commandLine;
  }

  /** The config the parsed options (and the preset) describe; unset keys keep their defaults. */
  C config() {
    C cfg = flags.applyTo(newConfig.get());
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
}
