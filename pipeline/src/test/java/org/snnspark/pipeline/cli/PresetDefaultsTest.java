package org.snnspark.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.learning.config.Adam;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.neuron.seadlif.SeAdlifLayer;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.models.neuron.seadlif.SeAdlifModel;
import org.snnspark.models.spec.NetworkBuilder;
import org.snnspark.models.surrogate.SurrogateKind;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.pipeline.io.OptionsToml;
import org.snnspark.pipeline.train.TrainConfig;
import org.snnspark.preprocess.spikes.SpikePreprocessConfig;
import picocli.CommandLine;

class PresetDefaultsTest {
  @TempDir Path dir;

  private TrainConfig parseTrain(String... args) {
    CommandLine cli = SnnSpark.commandLine(args);
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    TrainCommand train = parsed.subcommand().commandSpec().commandLine().getCommand();
    return train.config;
  }

  @Test
  void presetKeysBecomeDefaultsAndTheCommandLineWins() throws Exception {
    Path preset = dir.resolve("p.toml");
    Files.writeString(preset, "neuron = \"LIF\"\nhidden = [64, 32]\nepochs = 7\nlr = 0.002\n");

    TrainConfig fromPreset = parseTrain("train", "--preset", preset.toString(),
        "--dataset", "d", "--output", "o");
    assertEquals(LifModel.LIF, fromPreset.neuron);
    assertArrayEquals(new int[] {64, 32}, fromPreset.hidden);
    assertEquals(7, fromPreset.epochs);
    assertEquals(0.002, fromPreset.learningRate);

    TrainConfig overridden = parseTrain("train", "--preset", preset.toString(),
        "--dataset", "d", "--output", "o", "--epochs", "3", "--hidden", "16");
    assertEquals(3, overridden.epochs);
    assertArrayEquals(new int[] {16}, overridden.hidden);
    assertEquals(LifModel.LIF, overridden.neuron);
  }

  @Test
  void withoutPresetTheDocumentedDefaultsApply() {
    TrainConfig cfg = parseTrain("train", "--dataset", "d", "--output", "o");
    assertEquals(new TrainConfig().epochs, cfg.epochs);
    assertArrayEquals(new TrainConfig().hidden, cfg.hidden);
  }

  @Test
  void aTypoInAPresetIsAnErrorNamingTheKey() throws Exception {
    Path preset = dir.resolve("typo.toml");
    Files.writeString(preset, "epoch = 7\n");
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> {
      String[] args = {"train", "--preset", preset.toString(), "--dataset", "d", "--output", "o"};
      PresetDefaults.fromArgs(args).checkKeysKnownTo(
          SnnSpark.commandLine(args).parseArgs(args).subcommand().commandSpec());
    });
    assertTrue(e.getMessage().contains("'epoch'"), e.getMessage());
  }

  @Test
  void aMissingPresetIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PresetDefaults.load("no-such-preset"));
    assertTrue(e.getMessage().contains("no-such-preset"), e.getMessage());
  }

  @Test
  void everyShippedPresetNamesOnlyOptionsOfItsCommand() throws Exception {
    List<Path> presets;
    try (var files = Files.list(Path.of("..", "conf"))) {
      presets = files.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
    }
    assertTrue(presets.size() >= 9, "presets found: " + presets);
    for (Path preset : presets) {
      String name = preset.getFileName().toString().replace(".toml", "");
      if (name.startsWith("sweep-")) {
        continue; // a sweep spec, not a preset: SweepSpecTest reads those
      }
      // naming convention: spikes-* and audio-* preset the preprocess jobs, sweep-* are sweep specs, the rest train
      String[] args = name.startsWith("spikes-")
          ? new String[] {"preprocess", "spikes", "--preset", name, "--output", "o"}
          : name.startsWith("audio-")
          ? new String[] {"preprocess", "audio", "--preset", name, "--output", "o"}
          : new String[] {"train", "--preset", name, "--dataset", "d", "--output", "o"};
      CommandLine.ParseResult parsed = SnnSpark.commandLine(args).parseArgs(args);
      List<CommandLine> chain = parsed.asCommandLineList();
      PresetDefaults.fromArgs(args).checkKeysKnownTo(chain.get(chain.size() - 1).getCommandSpec());
      assertFalse(PresetDefaults.fromArgs(args).isEmpty(), name);
    }
  }

  /** The SE-adLIF recipe arrives in the layers train builds: sizes, ranges in ms at 4 ms steps, q, surrogate. */
  @Test
  void theSeAdlifPresetBuildsThePapersLayers() {
    TrainConfig cfg = parseTrain("train", "--preset", "shd-se-adlif", "--dataset", "d", "--output", "o");
    assertEquals(300, cfg.epochs);
    assertEquals(256, cfg.batchSize);
    MultiLayerConfiguration conf = NetworkBuilder.build(cfg.modelSpec(), 140, 20, 1, new Adam(0.01));
    for (int i = 0; i < 2; i++) {
      SeAdlifLayer layer = (SeAdlifLayer) conf.getConf(i).getLayer();
      assertEquals(SeAdlifModel.RSE_ADLIF, layer.neuronType());
      assertEquals(360, layer.getNOut());
      assertEquals(4.0, layer.getDt());
      assertEquals(20.0, layer.getTauUMin());
      assertEquals(100.0, layer.getTauUMax());
      assertEquals(240.0, layer.getTauWMin());
      assertEquals(1200.0, layer.getTauWMax());
      assertEquals(120.0, layer.getQ());
      assertEquals(SurrogateKind.SLAYER, layer.getSurrogate());
      assertEquals(5.0, layer.getSurrogateParameter());
      assertEquals(0.15, layer.getSpikeDropout());
      assertFalse(layer.isBatchNorm());
      assertTrue(layer.isHasBias());
    }
  }

  /** SNN-delays' SHD recipe: a valid configuration with delays of up to 24 steps on 2 x 256 LIF. */
  @Test
  void theDclsPresetIsAValidDelayedNetwork() {
    TrainConfig cfg = parseTrain("train", "--preset", "shd-dcls", "--dataset", "d", "--output", "o");
    cfg.validate();
    ModelSpec spec = cfg.modelSpec();
    assertEquals(24, spec.getMaxDelay());
    assertEquals(37, spec.getDelayAnnealEpochs());
    assertEquals(100.0, spec.getDelayLrScale());
    assertArrayEquals(new int[] {256, 256}, spec.getHidden());
    assertEquals(LifModel.LIF, spec.getNeuron());
  }

  @Test
  void aPreprocessPresetReachesTheJobConfig() {
    String[] args = {"preprocess", "spikes", "--preset", "spikes-ssc-350", "--input-dir", "x",
        "--output", "o", "--n-steps", "250"};
    CommandLine cli = SnnSpark.commandLine(args);
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    List<CommandLine> chain = parsed.asCommandLineList();
    KeyedJobCommand<?> cmd = chain.get(chain.size() - 1).getCommand();
    SpikePreprocessConfig cfg = (SpikePreprocessConfig) cmd.config();
    assertEquals(0.5, cfg.getDownsample(), "from the preset");
    assertEquals(250, cfg.getNSteps(), "the command line wins");
    assertEquals("x", cfg.getInputDir());
  }

  @Test
  void runRecordIsAPresetThatReproducesTheRun() throws Exception {
    TrainConfig cfg = parseTrain("train", "--dataset", "d", "--output", "o", "--neuron", "RLIF",
        "--hidden", "48,24", "--lr", "0.005", "--no-batch-norm", "--tau-mem-min", "7.5", "--delays", "4", "--no-readout-delays", "--learn-beta");
    Path record = dir.resolve("run.toml");
    Files.writeString(record, OptionsToml.render("test", cfg));
    TrainConfig again = parseTrain("train", "--preset", record.toString());
    assertEquals(LifModel.RLIF, again.neuron);
    assertArrayEquals(new int[] {48, 24}, again.hidden);
    assertEquals(0.005, again.learningRate);
    assertEquals("d", again.dataset);
    assertEquals(7.5, again.get(SeAdlifModel.TAU_MEM_MIN), "a neuron model's option");
    assertEquals(4, again.get(ModelSpec.DELAYS), "a network option declared like a model's");
    assertNull(again.get(SeAdlifModel.TAU_MEM_MAX), "unset stays unset");
    assertEquals(false, again.get(ModelSpec.READOUT_DELAYS));
    assertEquals(true, again.get(LeakyModel.LEARN_BETA));
  }

  @Test
  void generatedHelpRendersEveryKeyDocumentationCleanly() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(err, true));
    try {
      for (String job : new String[] {"spikes", "audio"}) {
        CommandLine cli = SnnSpark.commandLine("preprocess", job, "--help");
        String usage = cli.getSubcommands().get("preprocess").getSubcommands().get(job)
            .getUsageMessage();
        assertTrue(usage.contains("--output"), usage);
      }
    } finally {
      System.setErr(original);
    }
    // picocli formats descriptions; a stray % in a key's documentation makes it warn on stderr
    assertFalse(err.toString().contains("picocli WARN"), err.toString());
  }
}
