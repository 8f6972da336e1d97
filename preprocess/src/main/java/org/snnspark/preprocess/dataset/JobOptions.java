package org.snnspark.preprocess.dataset;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of one job's {@link Option}s: what is not set reads as its declared default. Subclasses
 * declare their options as constants and list them in an {@link OptionSet}; {@link #set(String, String)}
 * is how a CLI or preset applies {@code key = value} text, {@link #toMap()} is what a run used
 * (written into the manifest).
 *
 * @param <S> the subclass, so that setters chain
 */
public abstract class JobOptions<S extends JobOptions<S>> implements Serializable {
  private static final long serialVersionUID = 1L;

  // keyed by name rather than by Option: declarations hold functions and are not shipped to executors
  private final Map<String, Object> values = new HashMap<>();

  /** Every option of the job (a constant: declarations are not part of the serialised values). */
  protected abstract OptionSet options();

  /** The value of {@code option}: the one set, else its default. */
  @SuppressWarnings("unchecked")
  public final <T> T get(Option<T> option) {
    Object v = values.get(option.name());
    return v == null ? option.defaultTyped() : (T) v;
  }

  /** Whether {@code option} was set, rather than reading as its declared default. */
  public final boolean isSet(Option<?> option) {
    return values.containsKey(option.name());
  }

  /** Sets {@code option} (collections are copied). */
  public final <T> S set(Option<T> option, T value) {
    values.put(option.name(), option.type().store().apply(value));
    return self();
  }

  /**
   * Sets one option from text ({@code key} in any case, '-' and '_' ignored, so {@code n-steps} and
   * {@code on_bad_sample} work too).
   *
   * @throws IllegalArgumentException naming the key and the value on an unknown key or a bad value
   */
  public final S set(String key, String text) {
    return setText(options().find(key), text);
  }

  private <T> S setText(Option<T> option, String text) {
    return set(option, option.parse(text));
  }

  /** Every option and its value as text, in {@link #options()} order. */
  public final Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Option<?> o : options().options()) {
      m.put(o.name(), text(o));
    }
    return m;
  }

  private <T> String text(Option<T> o) {
    return o.format(get(o));
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }
}
