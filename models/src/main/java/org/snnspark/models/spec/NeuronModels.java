package org.snnspark.models.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.snnspark.models.neuron.NeuronType;

/**
 * The registry of neuron models: which {@link NeuronModel} serves each {@link NeuronType}.
 * <p>
 * Why a {@code ServiceLoader} services file in this package and not a list in
 * {@code org.snnspark.models.neuron}: the layer configurations ({@code dl4j}) name their
 * {@code NeuronType}, so {@code dl4j} uses {@code neuron}; every model folder uses {@code dl4j}
 * (its layer extends {@code BaseSpikingLayer}) and this package (its model extends
 * {@link NeuronModel}). A list that names the models' classes would make whichever package holds
 * it use them back, a package cycle; the services file names them outside the code, so the models
 * depend on the registry and never the other way. The application jar's shade plugin merges
 * services files ({@code ServicesResourceTransformer} in pipeline's pom).
 */
public final class NeuronModels {
  private static final Map<NeuronType, NeuronModel> BY_TYPE = load();

  private NeuronModels() {
  }

  /** The model that serves {@code type}. */
  public static NeuronModel of(NeuronType type) {
    return BY_TYPE.get(type);
  }

  /** Every model, in the order of their first {@link NeuronType}. */
  public static List<NeuronModel> all() {
    List<NeuronModel> out = new ArrayList<>();
    for (NeuronModel m : BY_TYPE.values()) {
      if (!out.contains(m)) {
        out.add(m);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static Map<NeuronType, NeuronModel> load() {
    Map<NeuronType, NeuronModel> byType = new EnumMap<>(NeuronType.class);
    // the class loader that loaded this class sees the models of the same jar, whatever the
    // thread's context class loader is (Spark executors set their own)
    for (NeuronModel model : ServiceLoader.load(NeuronModel.class, NeuronModel.class.getClassLoader())) {
      for (NeuronType type : model.types()) {
        NeuronModel before = byType.putIfAbsent(type, model);
        if (before != null) {
          throw new IllegalStateException(type + " is served by two models: " + before + " and " + model);
        }
      }
    }
    for (NeuronType type : NeuronType.values()) {
      if (!byType.containsKey(type)) {
        throw new IllegalStateException("no neuron model serves " + type
            + " (is it listed in META-INF/services/" + NeuronModel.class.getName() + "?)");
      }
    }
    return Collections.unmodifiableMap(byType);
  }
}
