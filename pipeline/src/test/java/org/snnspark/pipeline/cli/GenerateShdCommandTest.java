package org.snnspark.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

/** {@code generate-shd}: flags, help and presets from {@link SyntheticShdOptions}; bad values in its words. */
class GenerateShdCommandTest {
  @TempDir Path tmp;

  @Test
  void eachBadValueIsOneLineNamingTheFlagAndItsRange() {
    String out = tmp.resolve("out").toString();
    assertEquals("error: --classes must be in 2..720 (orders of 6 bands), got 1000\n",
        errorOf("generate-shd", "--output", out, "--classes", "1000"));
    assertEquals("error: --classes must be in 2..24 (orders of 4 bands), got 30\n",
        errorOf("generate-shd", "--output", out, "--bands", "4", "--classes", "30"));
    assertEquals("error: --test-only-speakers must be in 0..11 (fewer than the 12 --speakers), got 12\n",
        errorOf("generate-shd", "--output", out, "--test-only-speakers", "12"));
    assertEquals("error: --signal-rate must be > 0, got -5.0\n",
        errorOf("generate-shd", "--output", out, "--signal-rate", "-5"));
    assertEquals("error: --train-samples must be >= 0, got -1\n",
        errorOf("generate-shd", "--output", out, "--profile", "HARD", "--train-samples", "-1"));
    assertEquals("error: --output is not set\n", errorOf("generate-shd"));
    assertTrue(errorOf("generate-shd", "--output", out, "--profile", "EASY")
        .startsWith("error: bad value 'EASY' for --profile: expected one of DEFAULT, HARD"));
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
  }

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

  private static String errorOf(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = SnnSpark.execute(args);
    } finally {
      System.setErr(err);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, printed);
    return printed;
  }
}
