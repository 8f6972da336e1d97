package org.snnspark.models.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snnspark.models.neuron.NeuronFamily;
import org.snnspark.models.neuron.NeuronType;

/**
 * The registry of neuron models: which {@link NeuronModel} serves each {@link NeuronType}. The
 * models are those registered for the lookup of neuron types ({@link NeuronType#families()}: one
 * line each in {@code META-INF/services/org.snnspark.models.neuron.NeuronFamily}).
 */
public final class NeuronModels {
  private static final List<NeuronModel> ALL = load();
  private static final Map<NeuronType, NeuronModel> BY_TYPE = byType(ALL);

  private NeuronModels() {
  }

  /** The model that serves {@code type}. */
  public static NeuronModel of(NeuronType type) {
    return BY_TYPE.get(type);
  }

  /** Every model, in the registry's order. */
  public static List<NeuronModel> all() {
    return ALL;
  }

  private static List<NeuronModel> load() {
    List<NeuronModel> out = new ArrayList<>();
    for (NeuronFamily family : NeuronType.families()) {
      if (!(family instanceof NeuronModel model)) {
        throw new IllegalStateException(family.getClass().getName() + " is registered as a neuron model but does"
            + " not extend " + NeuronModel.class.getName());
      }
      out.add(model);
    }
    return Collections.unmodifiableList(out);
  }

  private static Map<NeuronType, NeuronModel> byType(List<NeuronModel> models) {
    Map<NeuronType, NeuronModel> byType = new HashMap<>();
    for (NeuronModel model : models) {
      for (NeuronType type : model.types()) {
        byType.put(type, model);
      }
    }
    return Collections.unmodifiableMap(byType);
  }
}
