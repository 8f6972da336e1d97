package org.snnspark.pipeline.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.pipeline.cli.SweepCommand;

/** Sweep specs: their trials, and one clear line for each kind of mistake. */
class SweepSpecTest {
  private static final String GRID_AND_RANDOM = """
      epochs = 3
      hidden = [16, 8]
      seeds = 2
      trials = 3
      [grid]
      neuron = ["LIF", "ADLIF"]
      [random]
      lr = {min = 1e-4, max = 1e-1, log = true}
      """;

  private static SweepSpec parse(String toml) {
    return SweepSpec.parse("s.toml", toml, SweepCommand::trialMaySet);
  }

  private static String error(String toml) {
    return assertThrows(IllegalArgumentException.class, () -> SweepCommand.trials(parse(toml), "ds")).getMessage();
  }

  @Test
  void aGridTimesRandomDrawsTimesSeedsGivesEveryTrialAsTrainWouldRunIt() {
    SweepSpec s = parse(GRID_AND_RANDOM);
    List<Trial> trials = SweepCommand.trials(s, "ds");
    assertEquals(2 * 3 * 2, trials.size());
    assertEquals(List.of("neuron", "lr"), s.axes());
    for (Trial t : trials) {
      assertEquals(3, t.config().epochs);
      assertEquals(1, t.config().workers, "one worker: no averaging");
      assertEquals(List.of(16, 8), List.of(t.config().hidden[0], t.config().hidden[1]));
      double lr = (Double) t.values().get("lr");
      assertTrue(lr >= 1e-4 && lr <= 1e-1, "in range: " + lr);
      assertEquals(lr, t.config().learningRate);
      assertEquals(NeuronType.valueOf((String) t.values().get("neuron")), t.config().neuron);
    }
    assertEquals(List.of(1L, 2L), List.of(trials.get(0).seed(), trials.get(1).seed()));
    assertEquals(trials.get(0).values(), trials.get(1).values(), "seeds repeat one configuration");
    assertEquals(0, trials.get(1).configuration());
    assertEquals(s.configurations(), parse(GRID_AND_RANDOM).configurations(), "the same spec draws the same trials");
  }

  @Test
  void neuronModelOptionsAndBooleansReachTheTrainConfig() {
    List<Trial> trials = SweepCommand.trials(parse("""
        batch-norm = false
        [grid]
        tau-mem = [5.0, 20.0]
        """), "ds");
    assertEquals(2, trials.size());
    assertEquals(20.0, trials.get(1).config().generatedOptions().get("tau-mem"));
    assertEquals(false, trials.get(0).config().batchNorm);
  }

  @Test
  void eachMistakeIsOneLineNamingTheFileAndTheKey() {
    assertEquals("sweep spec s.toml: 'neurons' is not a train option a trial may set, nor a sweep key"
        + " [trials, seeds, metric, direction, draw-seed] or table [grid, random, early-stopping] (options: see"
        + " train --help)",
        error("[grid]\nneurons = [\"LIF\"]"));
    assertTrue(error("seed = 3").startsWith("sweep spec s.toml: 'seed' is not a train option"));
    assertEquals("sweep spec s.toml: 'metric' unknown metric 'accuracy' (valid: valid_accuracy, test_accuracy,"
        + " train_accuracy, train_loss)", error("metric = \"accuracy\""));
    assertEquals("sweep spec s.toml: 'direction' must be max or min, got 'up'", error("direction = \"up\""));
    assertEquals("sweep spec s.toml: 'random.lr' log = true needs min > 0, got min = 0.0",
        error("[random]\nlr = {min = 0, max = 1, log = true}"));
    assertEquals("sweep spec s.toml: 'trials' counts random draws, and the spec has no [random] table",
        error("trials = 4"));
    String neuron = error("[grid]\nneuron = [\"LIF\", \"FOO\"]");
    assertTrue(neuron.startsWith("sweep spec s.toml, configuration {neuron=FOO}: Invalid value for option"
        + " '--neuron'") && neuron.contains("LIF") && !neuron.contains("\n"), neuron);
    assertEquals("sweep spec s.toml, configuration {dropout=1.5}: --dropout must be in [0, 1), got 1.5",
        error("[grid]\ndropout = [0.1, 1.5]"));
    assertEquals("sweep spec s.toml: --epochs must be >= 1, got 0", error("epochs = 0"));
    assertEquals("sweep spec s.toml: 'early-stopping' rungs must be ascending epoch counts >= 1, got [3, 1]",
        error("[early-stopping]\nrungs = [3, 1]\neta = 2"));
    assertEquals("sweep spec s.toml: 'early-stopping' eta must be > 1, got 0.5",
        error("[early-stopping]\nrungs = [1]\neta = 0.5"));
    assertEquals("sweep spec s.toml, configuration {epochs=4}: 'early-stopping' rung 4 is not below the trial's"
        + " epochs (4)", error("[grid]\nepochs = [8, 4]\n[early-stopping]\nrungs = [2, 4]\neta = 3"));
    assertEquals("sweep spec s.toml: 'early-stopping' needs a metric known after every epoch, not test_accuracy",
        error("metric = \"test_accuracy\"\n[early-stopping]\nrungs = [1]\neta = 2"));
  }

  @Test
  void everyShippedSweepSpecGivesTrials() throws Exception {
    List<Path> specs;
    try (var files = Files.list(Path.of("..", "conf"))) {
      specs = files.filter(p -> p.getFileName().toString().matches("sweep-.*\\.toml")).sorted().toList();
    }
    assertFalse(specs.isEmpty());
    for (Path spec : specs) {
      assertFalse(SweepCommand.trials(SweepSpec.read(spec, SweepCommand::trialMaySet), "ds").isEmpty(), spec.toString());
    }
    SweepSpec neurons = SweepSpec.read(Path.of("..", "conf", "sweep-neurons.toml"), SweepCommand::trialMaySet);
    assertEquals(4 * 3, SweepCommand.trials(neurons, "ds").size());
  }
}
