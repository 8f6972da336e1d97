package org.snnspark.models.spec;

import java.util.Objects;
import java.util.function.Function;

/**
 * One setting of a neuron model, declared once by the model: its name (the {@link ModelSpec}
 * property, the preset key and, hyphenated, the {@code train} flag), its type and default, what it
 * means. Several models may declare the same name with their own default and meaning (CUBA's and
 * ALIF's {@code tauMem}); the value set in a spec is read through {@code setting}, and an unset
 * (null) value is the model's default.
 */
public final class ModelOption<T> {
  private final String name;
  private final T defaultValue;
  private final String doc;
  private final Function<ModelSpec, T> setting;

  private ModelOption(String name, T defaultValue, String doc, Function<ModelSpec, T> setting) {
    this.name = Objects.requireNonNull(name, "name");
    this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
    this.doc = Objects.requireNonNull(doc, "doc");
    this.setting = Objects.requireNonNull(setting, "setting");
  }

  /** A setting read from the spec by {@code setting}, which returns null when it is not set. */
  public static <T> ModelOption<T> of(String name, T defaultValue, String doc, Function<ModelSpec, T> setting) {
    return new ModelOption<>(name, defaultValue, doc, setting);
  }

  public String name() {
    return name;
  }

  /** The option's type: that of its default. */
  @SuppressWarnings("unchecked")
  public Class<T> type() {
    return (Class<T>) defaultValue.getClass();
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  /** The value {@code spec} sets, or the default when it sets none. */
  public T in(ModelSpec spec) {
    T value = setting.apply(spec);
    return value != null ? value : defaultValue;
  }

  /** The command-line flag: the name hyphenated ({@code tauMem} is {@code --tau-mem}). */
  public String flag() {
    return "--" + name.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return name + "=" + defaultValue;
  }
}
