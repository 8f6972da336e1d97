package org.snnspark.pipeline.distributed;

/**
 * Predicts what one averaging round costs on a cluster, and from it an epoch's time and the
 * averaging frequency at which communication stays a small share of a round.
 * <p>
 * A round with N workers and a flat state of S bytes ({@link FlatState}: parameters and Adam's
 * two moments, float32, so S = 12 x parameters) costs
 * <pre>
 *   fixed + S / bandwidth                       the broadcast (each executor receives S once)
 *         + min(N, fanIn) * S / bandwidth       the driver (or a tree node) receiving states
 *         + (N &gt; fanIn ? ceil(N/fanIn) * 2S / bandwidth : 0)   partial sums (double) to the driver
 *         + f * batch * flopsPerSample / executorFlops          each worker's f minibatches
 * </pre>
 * where {@code fixed} is what a round costs with no data and no bytes (scheduling a job, task
 * launch and result handling; measured by the bench's {@code scaling/} group), and the transfers
 * are taken as sequential at the given bandwidth (no overlap: an upper bound).
 *
 * @param fixedSeconds a round's cost without compute and transfer
 * @param bytesPerSecond network bandwidth of one link
 * @param executorFlops floating-point operations per second one worker trains at
 * @param fanIn most states one node sums ({@code --aggregation-fan-in})
 */
public record RoundCostModel(double fixedSeconds, double bytesPerSecond, double executorFlops, int fanIn) {
  /** {@code --averaging-frequency auto} keeps communication under this share of a round. */
  public static final double AUTO_COMMUNICATION_SHARE = 0.1;
  /** {@code --averaging-frequency auto} never picks more minibatches a round than this. */
  public static final int MAX_AUTO_FREQUENCY = 1000;

  /** Bytes of the flat state of a network with {@code parameters} parameters trained with Adam. */
  public static long adamStateBytes(long parameters) {
    return 12L * parameters;
  }

  /** Seconds a round spends on anything but the workers' minibatches. */
  public double communicationSeconds(int workers, long stateBytes) {
    double s = stateBytes / bytesPerSecond;
    double gather = Math.min(workers, fanIn) * s;
    double partials = workers > fanIn ? Math.ceil(workers / (double) fanIn) * 2 * s : 0;
    return fixedSeconds + s + gather + partials;
  }

  /** Seconds a worker spends fitting {@code frequency} minibatches. */
  public double computeSeconds(int frequency, int batch, double flopsPerSample) {
    return frequency * (double) batch * flopsPerSample / executorFlops;
  }

  /** Share of a round's time spent communicating. */
  public double communicationShare(int workers, long stateBytes, int frequency, int batch, double flopsPerSample) {
    double comm = communicationSeconds(workers, stateBytes);
    return comm / (comm + computeSeconds(frequency, batch, flopsPerSample));
  }

  /** The smallest averaging frequency whose communication share is below {@code maxShare} (at most {@code limit}). */
  public int frequencyFor(double maxShare, int workers, long stateBytes, int batch, double flopsPerSample, int limit) {
    for (int f = 1; f < limit; f++) {
      if (communicationShare(workers, stateBytes, f, batch, flopsPerSample) < maxShare) {
        return f;
      }
    }
    return limit;
  }

  /** The frequency communication alone asks {@code --averaging-frequency auto} for. */
  public int communicationFrequency(int workers, long stateBytes, int batch, double flopsPerSample) {
    return frequencyFor(AUTO_COMMUNICATION_SHARE, workers, stateBytes, batch, flopsPerSample, MAX_AUTO_FREQUENCY);
  }

  /**
   * What {@code --averaging-frequency auto} picks: {@link #communicationFrequency}, but no more
   * local steps than {@code workers} workers take apart without costing epochs ({@link LocalSteps}).
   */
  public int autoFrequency(int workers, long stateBytes, int batch, double flopsPerSample) {
    return Math.min(communicationFrequency(workers, stateBytes, batch, flopsPerSample),
        LocalSteps.maxFrequency(workers));
  }

  /**
   * Seconds of one epoch of {@code samples} samples over {@code workers} workers: each worker
   * fits its share of minibatches, and every round of up to {@code frequency} of them pays the
   * communication once.
   */
  public double epochSeconds(long samples, int workers, int batch, int frequency, long stateBytes,
      double flopsPerSample) {
    long perWorker = (samples + workers - 1) / workers;
    long minibatches = (perWorker + batch - 1) / batch;
    long rounds = (minibatches + frequency - 1) / frequency;
    return rounds * communicationSeconds(workers, stateBytes) + minibatches * computeSeconds(1, batch, flopsPerSample);
  }
}
