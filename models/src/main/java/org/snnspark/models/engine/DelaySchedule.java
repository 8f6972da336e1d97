package org.snnspark.models.engine;

/**
 * The width of the delays' Gaussian ({@link SynapticDelays}) per epoch, as SNN-delays anneals it:
 * DCLS keeps a raw value s, starting at s0 = floor(K / 2) for K = D + 1 taps and multiplied after
 * each epoch by (0.23 / s0)^(1 / E) until epoch E, and uses |s| + 0.27 as the width. So during
 * epoch e (from 0)
 * <pre>
 *   sigma(e) = 0.27 + s0 (0.23 / s0)^(min(e, E) / E)
 * </pre>
 * from about half the kernel down to 0.5 steps, where it stays; E = 0 keeps it at 0.5 throughout
 * (their "constant sigma" setting). SNN-delays' SHD recipe anneals over the first quarter of the
 * epochs.
 */
public final class DelaySchedule {
  /** DCLS adds this to |s|: the narrowest Gaussian it uses. */
  static final double FLOOR = 0.27;
  /** The raw value the annealing ends at. */
  static final double END = 0.23;

  private final double start;
  private final int annealEpochs;

  /**
   * @param maxDelay     the layer's largest delay D in steps (> 0)
   * @param annealEpochs E, the epochs over which sigma narrows (0 = constant 0.5)
   */
  public DelaySchedule(int maxDelay, int annealEpochs) {
    if (maxDelay < 1 || annealEpochs < 0) {
      throw new IllegalArgumentException("need maxDelay >= 1 and annealEpochs >= 0: " + maxDelay + ", "
          + annealEpochs);
    }
    this.start = Math.max(END, (maxDelay + 1) / 2);
    this.annealEpochs = annealEpochs;
  }

  /** sigma during epoch {@code epoch} (0 = the first). */
  public double sigmaAt(int epoch) {
    if (annealEpochs == 0) {
      return FLOOR + END;
    }
    double progress = Math.min(Math.max(epoch, 0), annealEpochs) / (double) annealEpochs;
    return FLOOR + start * Math.pow(END / start, progress);
  }
}
