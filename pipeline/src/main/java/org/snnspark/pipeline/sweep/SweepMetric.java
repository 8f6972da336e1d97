package org.snnspark.pipeline.sweep;

import java.util.List;
import java.util.Locale;
import org.snnspark.pipeline.report.EpochStats;
import org.snnspark.pipeline.train.TrainResult;

/** What a sweep ranks its trials by, as the spec's {@code metric} names it. */
public enum SweepMetric {
  /** The best epoch's validation accuracy (the epoch train keeps as model.zip). */
  VALID_ACCURACY,
  /** The kept model's test accuracy. */
  TEST_ACCURACY,
  /** The last epoch's accuracy on train's fixed training subset. */
  TRAIN_ACCURACY,
  /** The last epoch's training loss. */
  TRAIN_LOSS;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SweepMetric of(String key) {
    for (SweepMetric m : values()) {
      if (m.key().equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metric '" + key + "' (valid: valid_accuracy,"
        + " test_accuracy, train_accuracy, train_loss)");
  }

  /** This metric after the epochs {@code seen} so far, as {@link #of} would give if the run ended there. */
  public double after(List<EpochStats> seen) {
    EpochStats last = seen.get(seen.size() - 1);
    return switch (this) {
      case VALID_ACCURACY -> seen.stream().mapToDouble(EpochStats::validAccuracy).max().orElse(Double.NaN);
      case TEST_ACCURACY -> throw new IllegalStateException("test_accuracy is only known at the end of a run");
      case TRAIN_ACCURACY -> last.trainAccuracy();
      case TRAIN_LOSS -> last.trainLoss();
    };
  }

  /** This metric of a finished run; NaN when the run has no such score (no test split, ...). */
  public double of(TrainResult r) {
    return switch (this) {
      case VALID_ACCURACY -> r.bestValidAccuracy();
      case TEST_ACCURACY -> r.testAccuracy() == null ? Double.NaN : r.testAccuracy();
      case TRAIN_ACCURACY -> r.epochs().isEmpty() ? Double.NaN : r.epochs().get(r.epochs().size() - 1).trainAccuracy();
      case TRAIN_LOSS -> r.epochs().isEmpty() ? Double.NaN : r.epochs().get(r.epochs().size() - 1).trainLoss();
    };
  }
}
