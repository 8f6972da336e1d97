package org.snnspark.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.spec.ModelOption;
import org.snnspark.models.spec.NeuronModel;
import org.snnspark.models.spec.NeuronModels;

class TrainHelpTest {

  @Test
  void listsEveryNeuronModelWithItsOptionsAndEachOptionIsAFlag() {
    picocli.CommandLine train = SnnSpark.commandLine("train", "--help").getSubcommands().get("train");
    String help = train.getUsageMessage();
    for (NeuronType type : NeuronType.values()) {
      assertTrue(help.contains(type.name()), type + " missing from train --help");
    }
    for (NeuronModel m : NeuronModels.all()) {
      assertTrue(help.contains(m.name()), m.name());
      for (ModelOption<?> o : m.options()) {
        assertTrue(help.contains(o.flag() + "=" + o.defaultValue()), o.flag() + " of " + m.name());
        assertNotNull(train.getCommandSpec().findOption(o.flag()), o.flag() + " is no flag of train");
      }
    }
  }
}
