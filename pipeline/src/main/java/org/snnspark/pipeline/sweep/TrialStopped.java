package org.snnspark.pipeline.sweep;

/** Ends a trial at a rung: thrown from its epoch listener, so its run stays resumable. */
final class TrialStopped extends RuntimeException {
  final int epoch;

  TrialStopped(int epoch, double value) {
    super("stopped at the rung of epoch " + epoch + " with " + value);
    this.epoch = epoch;
  }
}
