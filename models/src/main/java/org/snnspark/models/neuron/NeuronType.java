package org.snnspark.models.neuron;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * A neuron type a {@code ModelSpec} can stack: the name {@code --neuron}, presets, sweeps and NIR
 * metadata use (LIF, RADLIF, ...). A type is a variant of a neuron model, declared by that model
 * as one of its constants ({@code LifModel.RADLIF}); the model, in its folder under this package,
 * holds the equations, defaults, options, layer and kernels. The recurrent variant of a model is
 * the same layer with its recurrent weights V switched on.
 * <p>
 * {@link #values()} and {@link #valueOf} are the lookup: every type of every registered model, in
 * the order of the registry ({@link NeuronFamily}) and of each model's own list. One instance per
 * name, also after Java serialization (Spark ships specs to executors), so {@code ==} compares.
 */
public final class NeuronType implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final boolean recurrent;
  private final boolean adaptive;

  private NeuronType(String name, boolean recurrent, boolean adaptive) {
    this.name = Objects.requireNonNull(name, "name");
    this.recurrent = recurrent;
    this.adaptive = adaptive;
  }

  /**
   * A new type, for the model that serves it to declare once as a constant and list in its
   * {@link NeuronFamily#types()}; everyone else finds it with {@link #valueOf}.
   *
   * @param recurrent the model feeds its own spikes back through a trained matrix V
   * @param adaptive the model has sparch's adaptation current w (parameters b, A, B)
   */
  public static NeuronType declare(String name, boolean recurrent, boolean adaptive) {
    return new NeuronType(name, recurrent, adaptive);
  }

  /** Every registered type. */
  public static List<NeuronType> values() {
    return Registry.TYPES;
  }

  /** The registered type called {@code name} (case-sensitive). */
  public static NeuronType valueOf(String name) {
    NeuronType type = Registry.BY_NAME.get(name);
    if (type == null) {
      throw new IllegalArgumentException("no neuron type " + name + " (known: " + Registry.BY_NAME.keySet() + ")");
    }
    return type;
  }

  /** The registered neuron models, in the registry's order. */
  public static List<NeuronFamily> families() {
    return Registry.FAMILIES;
  }

  /** The name, as {@code --neuron} takes it. */
  public String name() {
    return name;
  }

  /** True when the model feeds its own spikes back through a trained matrix V. */
  public boolean isRecurrent() {
    return recurrent;
  }

  /**
   * True when the model has sparch's adaptation current w (parameters b, A, B). (ALIF adapts its
   * threshold instead: a different mechanism, a model of its own.)
   */
  public boolean isAdaptive() {
    return adaptive;
  }

  @Override
  public String toString() {
    return name;
  }

  private Object readResolve() {
    return valueOf(name);
  }

  /** Loaded on first use, so that the models' constants exist before it reads their lists. */
  private static final class Registry {
    static final List<NeuronFamily> FAMILIES = load();
    static final Map<String, NeuronType> BY_NAME = byName(FAMILIES);
    static final List<NeuronType> TYPES = List.copyOf(BY_NAME.values());

    private static List<NeuronFamily> load() {
      List<NeuronFamily> out = new ArrayList<>();
      // the class loader that loaded this class sees the models of the same jar, whatever the
      // thread's context class loader is (Spark executors set their own)
      ServiceLoader.load(NeuronFamily.class, NeuronFamily.class.getClassLoader()).forEach(out::add);
      if (out.isEmpty()) {
        throw new IllegalStateException("no neuron model is registered in META-INF/services/"
            + NeuronFamily.class.getName());
      }
      return Collections.unmodifiableList(out);
    }

    private static Map<String, NeuronType> byName(List<NeuronFamily> families) {
      Map<String, NeuronType> byName = new LinkedHashMap<>();
      Map<String, NeuronFamily> servedBy = new LinkedHashMap<>();
      for (NeuronFamily family : families) {
        if (family.types().isEmpty()) {
          throw new IllegalStateException(family + " serves no neuron type");
        }
        for (NeuronType type : family.types()) {
          NeuronFamily before = servedBy.putIfAbsent(type.name, family);
          if (before != null) {
            throw new IllegalStateException(type + " is served by two models: " + before + " and " + family);
          }
          byName.put(type.name, type);
        }
      }
      return Collections.unmodifiableMap(byName);
    }
  }
}
