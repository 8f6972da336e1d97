package org.snnspark.pipeline.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snnspark.models.neuron.alif.AlifModel;
import org.snnspark.models.neuron.cuba.CubaModel;
import org.snnspark.models.neuron.leaky.LeakyModel;
import org.snnspark.models.spec.ModelSpec;
import org.snnspark.models.engine.ReadoutReduction;
import picocli.CommandLine;

/** Options of {@code train} as the command line gives them. */
class TrainConfigTest {
  private static TrainConfig parse(String... args) {
    TrainConfig cfg = new TrainConfig();
    new CommandLine(cfg).parseArgs(args);
    return cfg;
  }

  @Test
  void theFiringRateBandAndSpikeCountTargetsReachTheModel() {
    TrainConfig cfg = parse("--dataset", "d", "--output", "o", "--rate-low", "0.01", "--rate-high", "0.2",
        "--rate-strength", "0.5", "--readout", "SPIKE_COUNT", "--count-correct-rate", "0.6",
        "--count-incorrect-rate", "0.05");
    cfg.validate();
    ModelSpec spec = cfg.modelSpec();
    assertEquals(0.01, spec.getRateLow());
    assertEquals(0.2, spec.getRateHigh());
    assertEquals(0.5, spec.getRateStrength());
    assertEquals(ReadoutReduction.SPIKE_COUNT, spec.getReadout());
    assertEquals(0.6, spec.getCountCorrectRate());
    assertEquals(0.05, spec.getCountIncorrectRate());
  }

  @Test
  void spikeCountTargetsWithAnotherReadoutAreAnError() {
    TrainConfig cfg = parse("--dataset", "d", "--output", "o", "--count-correct-rate", "0.6");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, cfg::validate);
    assertEquals("--count-correct-rate and --count-incorrect-rate apply to --readout SPIKE_COUNT only,"
        + " got --readout SUM_SOFTMAX", e.getMessage());
  }

  @Test
  void synapticDelaysReachTheModel() {
    TrainConfig cfg = parse("--dataset", "d", "--output", "o", "--delays", "24", "--delay-anneal-epochs", "37",
        "--delay-lr-scale", "50");
    cfg.validate();
    ModelSpec spec = cfg.modelSpec();
    assertEquals(24, spec.getMaxDelay());
    assertEquals(37, spec.getDelayAnnealEpochs());
    assertEquals(50.0, spec.getDelayLrScale());
    assertTrue(spec.isReadoutDelays());
    assertFalse(parse("--dataset", "d", "--output", "o", "--delays", "5", "--no-readout-delays").modelSpec()
        .isReadoutDelays());
    assertEquals(0, parse("--dataset", "d", "--output", "o").modelSpec().getMaxDelay());
    TrainConfig both = parse("--dataset", "d", "--output", "o", "--delays", "3", "--bidirectional");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, both::validate);
    assertEquals("--delays does not combine with --bidirectional", e.getMessage());
  }

  @Test
  void aNeuronModelsOptionsAreFlagsThatReachTheModelOnlyWhenSet() {
    ModelSpec unset = parse("--dataset", "d", "--output", "o").modelSpec();
    assertNull(unset.get(LeakyModel.LEARN_BETA));
    assertNull(unset.get(CubaModel.TAU_MEM));
    assertEquals(CubaModel.TAU_MEM.defaultValue(), CubaModel.TAU_MEM.in(unset));
    assertEquals(AlifModel.TAU_MEM.defaultValue(), AlifModel.TAU_MEM.in(unset));

    ModelSpec set = parse("--dataset", "d", "--output", "o", "--tau-mem", "12.5", "--learn-beta").modelSpec();
    assertEquals(12.5, CubaModel.TAU_MEM.in(set));
    assertEquals(12.5, AlifModel.TAU_MEM.in(set), "one flag for every model that declares the name");
    assertTrue(LeakyModel.LEARN_BETA.in(set));
    assertFalse(LeakyModel.LEARN_BETA.in(parse("--dataset", "d", "--output", "o", "--no-learn-beta").modelSpec()));

    TrainConfig negative = parse("--dataset", "d", "--output", "o", "--tau-syn", "-1");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, negative::validate);
    assertEquals("--tau-syn must be > 0, got -1.0", e.getMessage());
  }

  @Test
  void averagingFrequencyIsANumberOrAuto() {
    assertEquals(AveragingFrequency.AUTO, parse("--dataset", "d", "--output", "o").averagingFrequency);
    assertEquals(AveragingFrequency.AUTO,
        parse("--dataset", "d", "--output", "o", "--averaging-frequency", "auto").averagingFrequency);
    assertEquals(3, parse("--dataset", "d", "--output", "o", "--averaging-frequency", "3").averagingFrequency);
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
        () -> parse("--dataset", "d", "--output", "o", "--averaging-frequency", "-2"));
    assertTrue(e.getMessage().contains("'-2' is neither auto nor a number of minibatches >= 1"), e.getMessage());
  }
}
