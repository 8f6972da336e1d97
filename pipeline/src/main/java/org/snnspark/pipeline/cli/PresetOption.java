package org.snnspark.pipeline.cli;

import picocli.CommandLine.Option;

/** {@code --preset}: read by {@link PresetDefaults} before parsing; declared here for --help. */
public final class PresetOption {
  @Option(names = PresetDefaults.OPTION, paramLabel = "NAME|FILE",
      description = "TOML preset (conf/NAME.toml or a file) whose keys are this command's option"
          + " names; options given on the command line override it.")
  public String preset;
}
