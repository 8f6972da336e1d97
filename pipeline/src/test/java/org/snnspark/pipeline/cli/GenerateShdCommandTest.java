package org.snnspark.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnspark.preprocess.dataset.Option;
import org.snnspark.preprocess.synth.SyntheticShdConfig;
import org.snnspark.preprocess.synth.SyntheticShdGenerator;
import org.snnspark.preprocess.synth.SyntheticShdOptions;
import picocli.CommandLine;

/**
 * {@code generate-shd}: flags, help and presets from {@link SyntheticShdOptions} (bad values:
 * {@link FailureReportTest}).
 */
class GenerateShdCommandTest {
  @TempDir Path tmp;

  @Test
  void writesWhatTheGeneratorWritesForTheProfileAndOverrides() throws Exception {
    Path cli = tmp.resolve("cli");
    assertEquals(0, SnnSpark.execute("generate-shd", "--profile", "HARD", "--output", cli.toString(),
        "--train-samples", "30", "--test-samples", "10", "--classes", "5", "--seed", "7"));
    Path api = tmp.resolve("api");
    new SyntheticShdGenerator(SyntheticShdConfig.hard().withSamples(30, 10).withClasses(5).withSeed(7)).generate(api);
    for (String f : List.of("shd_train.h5", "shd_test.h5")) {
      assertArrayEquals(Files.readAllBytes(api.resolve(f)), Files.readAllBytes(cli.resolve(f)), f);
    }
  }

  @Test
  void aPresetSetsOptionsAndTheCommandLineWins() throws Exception {
    Path preset = tmp.resolve("small.toml");
    Files.writeString(preset, "profile = \"HARD\"\nclasses = 4\ntest-only-speakers = 3\n");
    SyntheticShdConfig c = options("generate-shd", "--preset", preset.toString(), "--output", "o",
        "--classes", "6").config();
    assertEquals(6, c.classes(), "the command line wins");
    assertEquals(3, c.testOnlySpeakers(), "from the preset");
    assertEquals(128, c.channels(), "from the preset's profile");
  }

  @Test
  void helpListsEveryOptionWithItsDefaultAndDoc() {
    String help = SnnSpark.commandLine("generate-shd", "--help").getSubcommands().get("generate-shd")
        .getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s", ""); // as wrapped anywhere
    for (Option<?> o : SyntheticShdOptions.OPTIONS.options()) {
      String flag = "--" + OptionFlags.kebab(o.name()) + "=VALUE ";
      String dflt = o.defaultValue().isEmpty() ? "" : ". Default: " + o.defaultValue();
      assertTrue(help.contains((flag + o.doc() + dflt).replaceAll("\\s", "")), flag + " in " + help);
    }
  }

  private static SyntheticShdOptions options(String... args) {
    CommandLine cli = SnnSpark.commandLine(args);
    List<CommandLine> chain = cli.parseArgs(args).asCommandLineList();
    GenerateShdCommand command = chain.get(chain.size() - 1).getCommand();
    return command.options();
  }
}
