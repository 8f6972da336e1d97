package org.snnspark.preprocess.dataset;

import java.util.Objects;

/**
 * One option of a job, declared once: its name (the preset key; {@code nSteps} is the flag
 * {@code --n-steps}), type, default and one-line documentation. A job's options are the constants of
 * its {@link JobOptions} class; values are read with {@code get(OPTION)}. Declarations hold no
 * value, so one constant serves every config object.
 *
 * <p>In the spirit of Spark's {@code SQLConf} entries: help text, presets and the manifest's
 * parameters all come from these declarations, so they cannot disagree.
 *
 * @param defaultTyped the default (as kept: collections immutable); {@link #defaultValue()} is its text
 */
public record Option<T>(String name, OptionType<T> type, T defaultTyped, String doc) {

  public Option {
    Objects.requireNonNull(name);
    Objects.requireNonNull(doc);
    defaultTyped = type.store().apply(defaultTyped);
  }

  /** Declares an option. */
  public static <T> Option<T> option(String name, OptionType<T> type, T defaultValue, String doc) {
    return new Option<>(name, type, defaultValue, doc);
  }

  /** The default as text (what {@code --help} shows and a manifest records for an unset option). */
  public String defaultValue() {
    return format(defaultTyped);
  }

  /** {@code value} as text. */
  public String format(T value) {
    return type.format().apply(value);
  }

  /**
   * The value {@code text} denotes.
   *
   * @throws OptionException naming this option, the text and, for a bad number, the documentation
   */
  public T parse(String text) {
    try {
      return type.parse().apply(text);
    } catch (NumberFormatException e) {
      throw new OptionException("bad value '" + text + "' for {" + name + "}: not a number (" + doc + ")", e);
    } catch (RuntimeException e) {
      throw new OptionException("bad value '" + text + "' for {" + name + "}: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }
}
