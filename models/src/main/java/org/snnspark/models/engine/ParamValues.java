package org.snnspark.models.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-neuron arrays of a neuron model's trained parameters, by the parameter's name: what a layer
 * hands its kernel (the values in use) and what the kernel's backward pass accumulates into (their
 * gradients). A kernel asks for the names its model declares, so nothing depends on the order in
 * which a layer lists them.
 */
public final class ParamValues {
  private final Map<String, double[]> values = new LinkedHashMap<>();

  /** No parameters (models whose neurons train nothing besides the weights). */
  public static ParamValues none() {
    return new ParamValues();
  }

  /** One parameter. */
  public static ParamValues of(String name, double[] values) {
    return new ParamValues().with(name, values);
  }

  /** Adds (or replaces) a parameter; returns this. */
  public ParamValues with(String name, double[] values) {
    this.values.put(name, values);
    return this;
  }

  /** The array of {@code name}; an IllegalArgumentException naming what there is when it is missing. */
  public double[] get(String name) {
    double[] v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no neuron parameter '" + name + "' (there are " + values.keySet() + ")");
    }
    return v;
  }

  /** The arrays of {@code names}, in that order. */
  public double[][] get(String... names) {
    double[][] out = new double[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = get(names[i]);
    }
    return out;
  }
}
