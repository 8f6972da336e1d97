package org.snnspark.preprocess.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classes that a dataset names but whose training split holds no sample of: a network trained on
 * it has an output it can never learn (e.g. the keyword task's {@code _silence_} class without
 * {@code _background_noise_}). Not an error — a test set may lack a class on purpose — but said.
 */
public final class EmptyClasses {
  private static final Logger LOG = LoggerFactory.getLogger(EmptyClasses.class);

  private EmptyClasses() {}

  /**
   * Logs a warning for each class with no sample in {@code split} (when the dataset has that
   * split); returns their names.
   *
   * @param classCounts per split, samples per label
   */
  public static List<String> warn(List<String> classNames, Map<String, List<Long>> classCounts, String split) {
    List<String> empty = new ArrayList<>();
    List<Long> counts = classCounts.get(split);
    if (counts == null) {
      return empty;
    }
    for (int label = 0; label < classNames.size(); label++) {
      if (label >= counts.size() || counts.get(label) == 0) {
        empty.add(classNames.get(label));
      }
    }
    if (!empty.isEmpty()) {
      LOG.warn("class(es) {} have no samples in split '{}' (samples per class and split: {}); a network trained"
          + " on this dataset cannot learn them", empty, split, classCounts);
    }
    return empty;
  }
}
