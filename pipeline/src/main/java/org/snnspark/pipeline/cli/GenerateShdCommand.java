package org.snnspark.pipeline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.synth.SyntheticShdOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code generate-shd}: its flags are generated from {@link SyntheticShdOptions}' declarations
 * ({@link #addGeneratedOptions}); it starts no Spark and writes no manifest.
 */
@Command(name = "generate-shd", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Write a synthetic dataset in the real layout of the Heidelberg spike datasets"
        + " (shd_train.h5, shd_test.h5): class-structured spike patterns that only timing separates.")
public final class GenerateShdCommand implements Callable<Integer> {
  private OptionFlags flags;

  /** Adds the flags of {@link SyntheticShdOptions#OPTIONS}, then {@code --preset}, to the {@code generate-shd} command line. */
  static void addGeneratedOptions(CommandLine generateShd) {
    GenerateShdCommand command = generateShd.getCommand();
    CommandSpec spec = generateShd.getCommandSpec();
    command.flags = new OptionFlags(spec, SyntheticShdOptions.OPTIONS.options());
    spec.addMixin("preset", CommandSpec.forAnnotatedObject(new PresetOption()));
  }

  /** The options the parsed flags (and the preset) set. */
  SyntheticShdOptions options() {
    return flags.applyTo(new SyntheticShdOptions());
  }

  @Override
  public Integer call() {
    SyntheticShdOptions options = options();
    Path output = options.output();
    List<Path> files = new SyntheticShdGenerator(options.config()).generate(output);
    files.forEach(f -> System.out.println("wrote " + f));
    return 0;
  }
}
