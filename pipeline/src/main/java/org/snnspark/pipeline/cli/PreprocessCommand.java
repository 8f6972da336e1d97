package org.snnspark.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code preprocess spikes|...}: raw data to a dataset directory. */
@Command(name = "preprocess", mixinStandardHelpOptions = true,
    description = "Turn raw data into a reusable dataset directory (manifest.json + Parquet shards).")
public final class PreprocessCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "say what to preprocess: " + String.join(", ", spec.subcommands().keySet()));
  }

  /** Subcommands whose options are generated from the preprocess module's typed keys. */
  static void addGeneratedSubcommands(CommandLine preprocess) {
    preprocess.addSubcommand(new PreprocessSpikesCommand().commandLine());
  }
}
