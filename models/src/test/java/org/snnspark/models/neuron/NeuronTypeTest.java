package org.snnspark.models.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.lang3.SerializationUtils;
import org.junit.jupiter.api.Test;
import org.snnspark.models.neuron.lif.LifModel;
import org.snnspark.models.neuron.seadlif.SeAdlifModel;

class NeuronTypeTest {

  @Test
  void theTypesAreEachRegisteredModelsOwnInTheRegistrysOrder() {
    List<NeuronType> declared = new ArrayList<>();
    NeuronType.families().forEach(f -> declared.addAll(f.types()));
    assertEquals(declared, NeuronType.values());
    assertEquals("[LIF, RLIF, ADLIF, RADLIF, CUBA_LIF, RCUBA_LIF, ALIF, LEAKY, RLEAKY, SINGLE_SPIKE, SE_ADLIF,"
        + " RSE_ADLIF]", NeuronType.values().toString());
  }

  @Test
  void aNameFindsTheModelsOwnConstant() {
    assertSame(LifModel.RADLIF, NeuronType.valueOf("RADLIF"));
    assertSame(SeAdlifModel.RSE_ADLIF, NeuronType.valueOf("RSE_ADLIF"));
    assertEquals(true, NeuronType.valueOf("RADLIF").isRecurrent());
    assertEquals(true, NeuronType.valueOf("RADLIF").isAdaptive());
    assertEquals(false, NeuronType.valueOf("SE_ADLIF").isRecurrent());
  }

  @Test
  void anUnknownNameIsRefusedNamingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeuronType.valueOf("radlif"));
    assertEquals("no neuron type radlif (known: " + NeuronType.values() + ")", e.getMessage());
  }

  @Test
  void aTypeReadBackFromJavaSerializationIsTheSameInstance() {
    // Spark ships specs to executors this way; code compares types with ==
    for (NeuronType type : NeuronType.values()) {
      assertSame(type, SerializationUtils.clone(type));
    }
  }
}
