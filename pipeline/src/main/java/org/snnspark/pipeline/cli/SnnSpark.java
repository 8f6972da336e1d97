package org.snnspark.pipeline.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one command line of snn-spark. Every job is a subcommand; the launchers in {@code submit/}
 * call this class (locally or through spark-submit) with the subcommand as first argument.
 */
@Command(name = "snn-spark", mixinStandardHelpOptions = true, versionProvider = SnnSpark.Version.class,
    description = "Spiking neural networks for speech on Apache Spark.",
    subcommands = {GenerateShdCommand.class, PreprocessCommand.class, VerifyCommand.class,
        TrainCommand.class, EvaluateCommand.class, DemoCommand.class, org.snnspark.pipeline.bench.BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class SnnSpark implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
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
    PreprocessCommand.addGeneratedSubcommands(cli.getSubcommands().get("preprocess"));
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

  /** One readable line plus its causes; the stack trace only with SNN_SPARK_DEBUG=1. */
  private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    err.println("error: " + describe(e));
    List<String> seen = new ArrayList<>();
    seen.add(describe(e));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      String line = describe(c);
      if (!seen.contains(line)) {
        err.println("  caused by: " + line);
        seen.add(line);
      }
    }
    if ("1".equals(System.getenv("SNN_SPARK_DEBUG"))) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /**
   * A throwable as one line: its message's first line (Spark's job failures carry the task's stack
   * trace in theirs), with the class's simple name unless the message says it all.
   */
  static String describe(Throwable t) {
    String msg = t.getMessage();
    if (msg != null && msg.indexOf('\n') >= 0) {
      msg = msg.substring(0, msg.indexOf('\n')).stripTrailing();
    }
    boolean plain = t instanceof IllegalArgumentException || t instanceof IllegalStateException
        || t instanceof JobFailedException;
    if (msg == null || msg.isBlank()) {
      return t.getClass().getName();
    }
    return plain ? msg : t.getClass().getSimpleName() + ": " + msg;
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
