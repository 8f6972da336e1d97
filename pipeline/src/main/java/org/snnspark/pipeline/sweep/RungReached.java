package org.snnspark.pipeline.sweep;

/** Pauses a trial at its rung: thrown from its epoch listener once the checkpoint is written. */
final class RungReached extends RuntimeException {
  RungReached(int epoch) {
    super("paused at the rung of epoch " + epoch, null, false, false);
  }
}
