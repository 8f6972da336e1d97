package org.snnspark.pipeline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.snnspark.pipeline.spark.SparkSessions;
import org.snnspark.pipeline.spark.WorkerCount;
import org.snnspark.pipeline.sweep.SweepRunner;
import org.snnspark.pipeline.sweep.SweepSpec;
import org.snnspark.pipeline.sweep.Trial;
import org.snnspark.pipeline.train.TrainConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train many configurations x seeds of 'train', each trial one single-worker training"
        + " (no averaging); writes trials/<id>/ runs, trials.parquet, leaderboard.txt and best/.")
public final class SweepCommand implements Callable<Integer> {
  /** Set by the sweep itself, or by each trial's seed: a spec may not name them. */
  private static final Set<String> RESERVED = Set.of("dataset", "output", "overwrite", "resume", "seed",
      "workers", "preset", "help", "version", "master", "spark-conf");

  @Option(names = "--spec", required = true, paramLabel = "FILE",
      description = "Sweep spec (TOML): fixed train options at the top level, [grid] lists, [random]"
          + " ranges, trials, seeds, metric, direction (see docs/sweeps.md).")
  String spec;

  @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory every trial trains on.")
  String dataset;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Sweep directory to create.")
  String output;

  @Option(names = "--overwrite", description = "Replace an existing sweep directory.")
  boolean overwrite;

  @Option(names = "--resume", description = "Continue the sweep a killed driver left in --output, with the"
      + " same --spec and --dataset (both checked): jobs it finished are not run again, unfinished"
      + " trials continue from their last checkpoint.")
  boolean resume;

  @Option(names = "--parallel", description = "Trials training at once; 0 = one per executor (local"
      + " mode: 1). Default: ${DEFAULT-VALUE}")
  int parallel = 0;

  @Mixin SparkOptions spark;

  @Override
  public Integer call() {
    if (parallel < 0) {
      throw new IllegalArgumentException("--parallel must be >= 0 (0: one per executor), got " + parallel);
    }
    if (resume && overwrite) {
      throw new IllegalArgumentException("--resume and --overwrite exclude each other");
    }
    Path file = Path.of(spec);
    SweepSpec s = SweepSpec.read(file, SweepCommand::trialMaySet);
    List<Trial> trials = trials(s, dataset);
    try (SparkSessions.Owned owned = SparkSessions.open("snn-spark sweep", spark.master, spark.conf)) {
      SparkSession session = owned.session();
      int n = WorkerCount.resolve(JavaSparkContext.fromSparkContext(session.sparkContext()), parallel);
      SweepRunner.Result r = new SweepRunner(s, read(file), trials, n).run(session, output, overwrite, resume);
      System.out.print(r.leaderboard().render());
      r.leaderboard().best().ifPresent(b -> System.out.printf(Locale.ROOT,
          "best trial %s (%s seed=%d): %s %.4f, its run copied to best/%n", b.trial().id(), b.trial().describe(),
          b.trial().seed(), s.metric().key(), b.metric()));
      System.out.println("sweep written to " + output);
      return 0;
    }
  }

  public static boolean trialMaySet(String key) {
    return !RESERVED.contains(key) && trainKeys().contains(key);
  }

  private static Set<String> trainKeys() {
    Set<String> keys = new HashSet<>();
    for (OptionSpec o : new CommandLine(new TrainCommand()).getCommandSpec().options()) {
      keys.add(PresetDefaults.key(o));
    }
    return keys;
  }

  /**
   * Every trial of {@code s}, as train's own parser and checks make its config from the options a
   * command line would give, so that a bad value fails here, before Spark starts.
   */
  public static List<Trial> trials(SweepSpec s, String dataset) {
    List<Map<String, Object>> configurations = s.configurations();
    List<Trial> trials = new ArrayList<>();
    for (int c = 0; c < configurations.size(); c++) {
      for (long seed : s.seeds()) {
        Map<String, Object> values = configurations.get(c);
        String id = String.format("%03d", trials.size());
        trials.add(new Trial(id, c, seed, values, trainConfig(s, values, dataset, seed)));
      }
    }
    return trials;
  }

  private static TrainConfig trainConfig(SweepSpec s, Map<String, Object> values, String dataset, long seed) {
    TrainCommand train = new TrainCommand();
    CommandLine cli = new CommandLine(train);
    List<String> args = new ArrayList<>(List.of("--dataset", dataset, "--output", "(set by the sweep)",
        "--workers", "1", "--seed", Long.toString(seed)));
    try {
      s.fixed().forEach((k, v) -> args.addAll(flag(cli, k, v)));
      values.forEach((k, v) -> args.addAll(flag(cli, k, String.valueOf(v))));
      cli.parseArgs(args.toArray(String[]::new));
      train.config.validate();
      if (s.earlyStopping() != null) {
        int lastRung = s.earlyStopping().rungs().get(s.earlyStopping().rungs().size() - 1);
        if (lastRung >= train.config.epochs) {
          throw new IllegalArgumentException("'early-stopping' rung " + lastRung + " is not below the trial's epochs ("
              + train.config.epochs + ")");
        }
      }
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      throw new IllegalArgumentException("sweep spec " + s.source() + (values.isEmpty() ? "" : ", configuration "
          + values) + ": " + e.getMessage(), e);
    }
    return train.config;
  }

  /** {@code key = value} as train's command line takes it; a boolean as the flag or its negation. */
  private static List<String> flag(CommandLine cli, String key, String value) {
    OptionSpec o = cli.getCommandSpec().findOption(key);
    if (o != null && o.typeInfo().isBoolean()) {
      return switch (value) {
        case "true" -> List.of(o.longestName());
        case "false" -> o.negatable() ? List.of("--no-" + key) : List.of();
        default -> throw new IllegalArgumentException("'" + key + "' must be true or false, got " + value);
      };
    }
    return List.of(o.longestName() + "=" + value);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
