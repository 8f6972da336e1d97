package org.snnspark.models.spec;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One setting of a network, declared once: its name (the key a {@link ModelSpec} holds it under,
 * the preset and {@code run.toml} key and, hyphenated, the {@code train} flag), its type and
 * default, the values it accepts and what it means. A neuron model declares its own
 * ({@link NeuronModel#options()}); several models may declare the same name with their own default
 * and meaning (CUBA's and ALIF's {@code tauMem}), and a value set in a spec is read by each through
 * {@link #in(ModelSpec)}, an unset one being the model's default. Settings of the network that no
 * neuron model owns are {@link ModelSpec#NETWORK_OPTIONS}.
 */
public final class ModelOption<T> {
  private final String name;
  private final Class<T> type;
  private final T defaultValue;
  private final String doc;
  private final Predicate<T> accepts;
  private final String rule;

  private ModelOption(String name, Class<T> type, T defaultValue, String doc, Predicate<T> accepts, String rule) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
    this.doc = Objects.requireNonNull(doc, "doc");
    this.accepts = Objects.requireNonNull(accepts, "accepts");
    this.rule = Objects.requireNonNull(rule, "rule");
    if (!accepts.test(defaultValue)) {
      throw new IllegalArgumentException(name + ": default " + defaultValue + " is not " + rule);
    }
  }

  /** A number that must be above 0 (a time constant, a scale). */
  public static ModelOption<Double> positive(String name, double defaultValue, String doc) {
    return new ModelOption<>(name, Double.class, defaultValue, doc, v -> v > 0, "> 0");
  }

  /** A number in [0, 1] (a decay). */
  public static ModelOption<Double> fraction(String name, double defaultValue, String doc) {
    return new ModelOption<>(name, Double.class, defaultValue, doc, v -> v >= 0 && v <= 1, "in [0, 1]");
  }

  /** A whole number of at least 0 (steps, epochs). */
  public static ModelOption<Integer> count(String name, int defaultValue, String doc) {
    return new ModelOption<>(name, Integer.class, defaultValue, doc, v -> v >= 0, ">= 0");
  }

  /** On or off. */
  public static ModelOption<Boolean> flag(String name, boolean defaultValue, String doc) {
    return new ModelOption<>(name, Boolean.class, defaultValue, doc, v -> true, "true or false");
  }

  public String name() {
    return name;
  }

  public Class<T> type() {
    return type;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  /** The values the option accepts, in words ({@code "> 0"}). */
  public String rule() {
    return rule;
  }

  /** True when {@code value} (of this option's type) is one the option accepts. */
  public boolean accepts(T value) {
    return accepts.test(value);
  }

  /** {@code value} (null: unset) if the option accepts it; else an IllegalArgumentException naming the option. */
  public T check(T value) {
    if (value != null && !accepts(value)) {
      throw new IllegalArgumentException(name + " must be " + rule + ": " + value);
    }
    return value;
  }

  /** The value {@code spec} sets, or the default when it sets none. */
  public T in(ModelSpec spec) {
    T value = spec.get(this);
    return value != null ? value : defaultValue;
  }

  /** The command-line flag: the name hyphenated ({@code tauMem} is {@code --tau-mem}). */
  public String flag() {
    return "--" + name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return name + "=" + defaultValue;
  }
}
