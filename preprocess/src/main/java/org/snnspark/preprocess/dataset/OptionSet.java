package org.snnspark.preprocess.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of one job, in documentation order (the order of {@code --help} and of a manifest's
 * parameters), and how a key given as text finds its option.
 *
 * @param job the job as messages name it: "unknown spike preprocessing option ..."
 */
public record OptionSet(String job, List<Option<?>> options) {

  public OptionSet(String job, Option<?>... options) {
    this(job, List.of(options));
  }

  public OptionSet {
    options = List.copyOf(options);
  }

  /**
   * Declares a job's options in order, each once, where it is defined: a class writes
   * {@code static final Option<Integer> MEL_BINS = KEYS.option("melBins", INT, 40, "...")} for each
   * option and {@code static final OptionSet OPTIONS = KEYS.build()} after the last, so no second
   * list can forget one.
   */
  public static final class Builder {
    private final String job;
    private final List<Option<?>> options = new ArrayList<>();

    public Builder(String job) {
      this.job = job;
    }

    /** Declares the next option (see {@link Option#option}). */
    public <T> Option<T> option(String name, OptionType<T> type, T defaultValue, String doc) {
      Option<T> o = Option.option(name, type, defaultValue, doc);
      options.add(o);
      return o;
    }

    /** The options declared so far, in declaration order. */
    public OptionSet build() {
      return new OptionSet(job, options);
    }
  }

  /**
   * The option named {@code key}, in any case, '-' and '_' ignored ({@code n-steps} and
   * {@code on_bad_sample} work too: {@link OptionValues#normaliseKey}).
   *
   * @throws IllegalArgumentException listing the known keys
   */
  public Option<?> find(String key) {
    String norm = OptionValues.normaliseKey(key);
    for (Option<?> o : options) {
      if (OptionValues.normaliseKey(o.name()).equals(norm)) {
        return o;
      }
    }
    List<String> names = new ArrayList<>();
    options.forEach(o -> names.add(o.name()));
    throw new IllegalArgumentException("unknown " + job + " option '" + key + "' (known: " + String.join(", ", names) + ")");
  }
}
