package org.snnspark.pipeline.sweep;

/** How a trial ended. */
public enum TrialStatus {
  /** Trained all its epochs. */
  SUCCEEDED,
  /** Stopped at a rung by early stopping; its run directory is the resumable {@code .<id>.inprogress}. */
  STOPPED,
  /** Failed; the row carries the error. */
  FAILED
}
