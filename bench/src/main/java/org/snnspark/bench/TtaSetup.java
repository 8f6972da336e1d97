package org.snnspark.bench;

import org.snnspark.pipeline.distributed.AdamScaling;
import org.snnspark.pipeline.distributed.Averaging;
import org.snnspark.pipeline.distributed.StatisticsDecay;
import org.snnspark.pipeline.train.AveragingFrequency;
import org.snnspark.pipeline.train.TrainConfig;

/** A way of training with several workers that the time-to-accuracy runs compare. */
enum TtaSetup {
  /** {@code train}'s defaults, averaging after every minibatch (synchronous data parallelism). */
  SYNC(1),
  /**
   * {@code train}'s defaults, all of them: the averaging frequency {@code auto} picks for the
   * network and the number of workers (fewer, longer rounds; more local steps between averagings).
   */
  AUTO(AveragingFrequency.AUTO),
  /** {@code train}'s defaults with 5 local minibatches between averagings (local SGD). */
  LOCAL5(5),
  /**
   * What training did with DL4J's parameter averaging before: the workers' mean every 5
   * minibatches, statistics included, one worker's Adam, no warm-up.
   */
  DL4J(5);

  private final int frequency;

  TtaSetup(int frequency) {
    this.frequency = frequency;
  }

  /**
   * Sets this way of training on {@code cfg}. One worker has nothing to average, so every setup
   * trains it alike; it gets {@code train}'s automatic frequency, which changes only how often its
   * state goes through the driver, so that its time is one worker's, not one paying a round per
   * minibatch.
   */
  void applyTo(TrainConfig cfg, int workers) {
    cfg.averagingFrequency = workers == 1 ? AveragingFrequency.AUTO : frequency;
    if (this == DL4J) {
      cfg.averaging = Averaging.PLAIN;
      cfg.statisticsDecay = StatisticsDecay.PER_ROUND;
      cfg.adamScaling = AdamScaling.NONE;
      cfg.warmupEpochs = 0;
    }
  }
}
