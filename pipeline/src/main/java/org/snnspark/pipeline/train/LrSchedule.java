package org.snnspark.pipeline.train;

/** How the learning rate changes between epochs. */
public enum LrSchedule {
  /** Constant learning rate. */
  NONE,
  /**
   * sparch's choice: PyTorch ReduceLROnPlateau(mode="max") on validation accuracy: after
   * {@code patience} epochs without improvement, multiply by {@code factor}, not below {@code min}.
   */
  PLATEAU
}
