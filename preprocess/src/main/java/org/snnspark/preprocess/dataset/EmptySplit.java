package org.snnspark.preprocess.dataset;

import java.util.List;

/**
 * A split whose every sample was bad and skipped. Such a dataset would list a split that holds no
 * rows (and no {@code split=<name>/} directory), which {@code verify} passes and {@code train}
 * only trips over later; the job refuses it instead, saying how many samples were left out.
 */
public final class EmptySplit {
  private EmptySplit() {}

  /**
   * @param planned samples of the split in the inputs
   * @param written rows written for it
   * @param skipped the split's skipped samples
   * @throws OptionException when the split had samples and none was written
   */
  public static void refuse(String split, long planned, long written, List<DatasetManifest.Skipped> skipped) {
    if (planned == 0 || written > 0) {
      return;
    }
    String first = skipped.isEmpty() ? "" : "; the first: " + skipped.get(0).file + ", sample "
        + skipped.get(0).index + ": " + skipped.get(0).problem;
    throw new OptionException("split '" + split + "' would be empty: all " + planned + " of its samples are bad"
        + " and {onBadSample} SKIP left them out (" + skipped.size() + " skipped" + first + ")");
  }
}
