package org.snnspark.pipeline.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.snnspark.preprocess.dataset.DatasetManifest;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessJob;
import org.snnspark.pipeline.spark.SparkSessions;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code preprocess spikes}: SHD/SSC HDF5 files to binned spike frames. Its options are not
 * declared here but generated from {@link SpikePreprocessConfig#keys()}, where each key has its
 * one default and documentation ({@code nSteps} becomes {@code --n-steps}).
 */
public final class PreprocessSpikesCommand implements Callable<Integer> {
  /** Keys that take several values: repeat the option or separate values by commas. */
  private static final Set<String> LIST_KEYS = Set.of("inputs", "validSpeakers");

  private final SparkOptions spark = new SparkOptions();
  private final List<OptionSpec> keyOptions = new ArrayList<>();

  CommandLine commandLine() {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(this);
    spec.name("spikes").mixinStandardHelpOptions(true);
    spec.usageMessage().description("Bin SHD/SSC HDF5 spike files (spikes/times, spikes/units,"
        + " labels, extra/...) into sparse spike frames, written as Parquet shards + manifest.json.",
        "Example: preprocess spikes --input train=shd_train.h5 --input test=shd_test.h5"
            + " --output shd-ds --valid-fraction 0.1");
    for (SpikePreprocessConfig.Key key : SpikePreprocessConfig.keys()) {
      boolean list = LIST_KEYS.contains(key.name());
      List<String> names = new ArrayList<>(List.of("--" + kebab(key.name())));
      if (key.name().equals("inputs")) {
        names.add(0, "--input");
      }
      OptionSpec.Builder option = OptionSpec.builder(names.toArray(String[]::new))
          .paramLabel(list ? "VALUE[,VALUE...]" : "VALUE")
          .description(key.doc() + (key.defaultValue().isEmpty() ? ""
              : ". Default: " + key.defaultValue()));
      if (list) {
        option.type(String[].class).auxiliaryTypes(String.class).arity("1");
      } else if (key.name().equals("overwrite")) {
        option.type(String.class).arity("0..1").fallbackValue("true").paramLabel("");
      } else {
        option.type(String.class);
      }
      OptionSpec built = option.build();
      keyOptions.add(built);
      spec.addOption(built);
    }
    spec.addMixin("spark", CommandSpec.forAnnotatedObject(spark));
    spec.addMixin("preset", CommandSpec.forAnnotatedObject(new PresetOption()));
    return new CommandLine(spec);
  }

  /** The config the parsed options (and the preset) describe; unset keys keep their defaults. */
  SpikePreprocessConfig config() {
    SpikePreprocessConfig cfg = new SpikePreprocessConfig();
    List<SpikePreprocessConfig.Key> keys = SpikePreprocessConfig.keys();
    for (int i = 0; i < keys.size(); i++) {
      Object value = keyOptions.get(i).getValue();
      if (value instanceof String[] values) {
        value = values.length == 0 ? null : String.join(",", values);
      }
      if (value != null) {
        cfg.set(keys.get(i).name(), value.toString());
      }
    }
    cfg.validate();
    return cfg;
  }

  @Override
  public Integer call() {
    SpikePreprocessConfig cfg = config();
    SparkSession session = SparkSessions.create("snn-spark preprocess spikes", spark.master,
        spark.conf);
    try {
      DatasetManifest m = new SpikePreprocessJob(cfg).run(session);
      System.out.println("dataset written to " + cfg.getOutput() + ": " + m.getSplitCounts()
          + " samples, " + m.getNumChannels() + " channels x " + m.getNumSteps() + " steps, "
          + m.getClassNames().size() + " classes");
      return 0;
    } finally {
      session.stop();
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
