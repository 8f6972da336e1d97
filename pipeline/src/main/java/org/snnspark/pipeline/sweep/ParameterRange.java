package org.snnspark.pipeline.sweep;

import java.util.Random;

/**
 * A random range of a sweep spec, {@code {min = 1e-3, max = 1e-1, log = true}}: uniform between
 * the ends, or log-uniform, which gives every decade of a rate the same share of the draws.
 */
public record ParameterRange(double min, double max, boolean log) {

  public ParameterRange {
    if (!(min < max)) {
      throw new IllegalArgumentException("needs min < max, got min = " + min + ", max = " + max);
    }
    if (log && min <= 0) {
      throw new IllegalArgumentException("log = true needs min > 0, got min = " + min);
    }
  }

  public double draw(Random random) {
    double u = random.nextDouble();
    return log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
  }
}
