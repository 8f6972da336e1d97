package org.snnspark.bench;

/**
 * A product of a spiking layer done both ways over all its time-major rows: as one dense float32
 * GEMM, and event-driven over the non-zero operand entries as the layers do it; forward and
 * backward. The bench times each pair A/B interleaved ({@link RecurrenceBench},
 * {@link InputProductBench}).
 */
interface EventVsDense {
  /** FLOPs of the dense product (either direction): what GFLOP/s and the roofline fraction count. */
  double denseFlops();

  double denseForward();

  double denseBackward();

  double eventForward();

  double eventBackward();

  /** The largest difference between the two forward products, relative to the largest value. */
  double mismatch();
}
