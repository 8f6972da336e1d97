package org.snnspark.models.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snnspark.models.neuron.NeuronType;
import org.snnspark.models.neuron.cuba.CubaModel;

class NeuronModelsTest {

  @ParameterizedTest
  @MethodSource("org.snnspark.models.neuron.NeuronType#values")
  void everyTypeHasTheModelThatServesIt(NeuronType type) {
    assertTrue(NeuronModels.of(type).types().contains(type), type + " -> " + NeuronModels.of(type));
  }

  @Test
  void eachModelIsListedOnceAndOptionNamesAreSpecProperties() {
    Set<NeuronModel> seen = new HashSet<>();
    for (NeuronModel m : NeuronModels.all()) {
      assertTrue(seen.add(m), "listed twice: " + m);
      for (ModelOption<?> o : m.options()) {
        // the option reads an unset spec as its default
        assertEquals(o.defaultValue(), o.in(new ModelSpec()), m + " " + o);
      }
    }
    assertEquals(6, seen.size());
  }

  @Test
  void anOptionReadsTheSpecAndNamesItsFlag() {
    assertEquals(7.5, CubaModel.TAU_SYN.in(new ModelSpec().with(CubaModel.TAU_SYN, 7.5)), 0.0);
    assertEquals("--tau-syn", CubaModel.TAU_SYN.flag());
    assertEquals(Double.class, CubaModel.TAU_SYN.type());
  }
}
