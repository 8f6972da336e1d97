package org.snnspark.pipeline.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import org.snnspark.preprocess.dataset.OptionException;
import org.snnspark.preprocess.dataset.OptionValues;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one command line of snn-spark. Every job is a subcommand; the launchers in {@code submit/}
 * call this class (locally or through spark-submit) with the subcommand as first argument. The
 * bench joins as a {@link PluginSubcommand} when its jar is on the class path ({@code submit/bench}).
 */
@Command(name = "snn-spark", mixinStandardHelpOptions = true, versionProvider = SnnSpark.Version.class,
    description = "Spiking neural networks for speech on Apache Spark.",
    subcommands = {GenerateShdCommand.class, PreprocessCommand.class, VerifyCommand.class,
        TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class,
        ImportCommand.class, SweepCommand.class, DemoCommand.class})
public final class SnnSpark implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  public static void main(String[] args) {
    MainExit.with(execute(args));
  }

  /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    CommandLine cli;
    try {
      cli = commandLine(args);
    } catch (IllegalArgumentException e) { // an unreadable preset, before any parsing
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    return cli.execute(args);
  }

  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new SnnSpark());
    ServiceLoader.load(PluginSubcommand.class).forEach(cli::addSubcommand);
    cli.addSubcommand(new CommandLine.HelpCommand()); // after the plugged-in ones: help stays listed last
    GenerateShdCommand.addGeneratedOptions(cli.getSubcommands().get("generate-shd"));
    PreprocessCommand.addGeneratedSubcommands(cli.getSubcommands().get("preprocess"));
    TrainCommand.describeNeuronModels(cli.getSubcommands().get("train"));
    PresetDefaults preset = PresetDefaults.fromArgs(args);
    cli.setDefaultValueProvider(preset);
    cli.setExecutionStrategy(parsed -> {
      List<CommandLine> chain = parsed.asCommandLineList();
      preset.checkKeysKnownTo(chain.get(chain.size() - 1).getCommandSpec());
      return new CommandLine.RunLast().execute(parsed);
    });
    cli.setExecutionExceptionHandler(SnnSpark::reportFailure);
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }

  /**
   * One readable line in the command's own words (options as its flags), then only the causes
   * that add something: Spark wraps a task's failure in a job abort whose message repeats it.
   * The stack trace only with SNN_SPARK_DEBUG=1.
   */
  private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    report(e, cli.getCommandSpec(), err);
    if ("1".equals(System.getenv("SNN_SPARK_DEBUG"))) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  static void report(Throwable e, CommandLine.Model.CommandSpec command, PrintWriter err) {
    UnaryOperator<String> flags = key -> flagOf(command, key);
    String first = describe(e, flags);
    err.println("error: " + first);
    List<String> seen = new ArrayList<>();
    seen.add(core(e, flags));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      String said = core(c, flags);
      if (seen.stream().noneMatch(s -> s.contains(said) || said.contains(s))) {
        err.println("  caused by: " + describe(c, flags));
        seen.add(said);
      }
    }
  }

  /** The flag of {@code command} that sets the option key {@code key} ({@code nSteps} -> {@code --n-steps}). */
  static String flagOf(CommandLine.Model.CommandSpec command, String key) {
    String norm = OptionValues.normaliseKey(key);
    for (OptionSpec o : command.options()) {
      for (String name : o.names()) {
        if (OptionValues.normaliseKey(name).equals(norm)) {
          return o.shortestName();
        }
      }
    }
    return "--" + OptionFlags.kebab(key);
  }

  /** {@link #describe(Throwable, UnaryOperator)} with options named by their keys. */
  static String describe(Throwable t) {
    return describe(t, UnaryOperator.identity());
  }

  /**
   * A throwable as one line: its message's first line (Spark's job failures carry the task's stack
   * trace in theirs), with the class's simple name unless it is one of ours or the message says it all.
   */
  static String describe(Throwable t, UnaryOperator<String> flags) {
    String msg = core(t, flags);
    if (msg.isEmpty()) {
      return t.getClass().getName();
    }
    boolean plain = t instanceof IllegalArgumentException || t instanceof IllegalStateException
        || t.getClass().getName().startsWith("org.snnspark.");
    return plain ? msg : t.getClass().getSimpleName() + ": " + msg;
  }

  /** The first line of a throwable's message, options named by {@code flags}; empty when it has none. */
  private static String core(Throwable t, UnaryOperator<String> flags) {
    String msg = t instanceof OptionException o ? o.message(flags) : t.getMessage();
    if (msg == null) {
      return "";
    }
    return (msg.indexOf('\n') >= 0 ? msg.substring(0, msg.indexOf('\n')) : msg).strip();
  }

  /** The version recorded by Maven in the jar manifest, or "dev" when run from classes. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SnnSpark.class.getPackage().getImplementationVersion();
      return new String[] {"snn-spark " + (v == null ? "dev" : v)};
    }
  }
}
