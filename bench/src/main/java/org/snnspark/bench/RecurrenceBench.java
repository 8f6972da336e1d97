package org.snnspark.bench;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.engine.Parallel;
import org.snnspark.models.engine.SpikeProducts;

/**
 * The recurrent products of a spiking layer over all its time-major rows, at a given firing rate,
 * done both ways:
 * <pre>
 *   forward   s V      dense: one float32 GEMM [T*B, H] x [H, H]     event-driven: the rows of V of the spikes
 *   backward  s^T g    dense: one float32 GEMM [H, T*B] x [T*B, H]   event-driven: g added to the rows of the spikes
 * </pre>
 * The dense side is one GEMM for all steps, more than a per-step framework gets (its steps depend
 * on each other); the event-driven side is {@link SpikeProducts} as the Java kernels call it, row by
 * row, its rows split over the kernel threads like theirs.
 */
final class RecurrenceBench implements EventVsDense {
  private static final int PARTS = 8;

  private final int rows;
  private final int hidden;
  private final double[] s;
  private final double[] g;
  private final double[][] vRows;
  private final INDArray sDense;
  private final INDArray vDense;
  private final INDArray gDense;
  private final INDArray out;
  private final double[][][] dVParts = new double[PARTS][][];
  private final double firingRate;

  RecurrenceBench(int hidden, int steps, int batch, double rate, long seed) {
    this.rows = steps * batch;
    this.hidden = hidden;
    Random r = new Random(seed);
    s = new double[rows * hidden];
    g = new double[rows * hidden];
    double[] v = new double[hidden * hidden];
    long spikes = 0;
    for (int i = 0; i < s.length; i++) {
      if (r.nextDouble() < rate) {
        s[i] = 1.0;
        spikes++;
      }
      g[i] = r.nextGaussian();
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian() / Math.sqrt(hidden);
    }
    firingRate = spikes / (double) s.length;
    vRows = SpikeProducts.rows(v, hidden, hidden, null);
    sDense = Nd4j.createFromArray(s).reshape(rows, hidden).castTo(DataType.FLOAT);
    gDense = Nd4j.createFromArray(g).reshape(rows, hidden).castTo(DataType.FLOAT);
    vDense = Nd4j.createFromArray(v).reshape(hidden, hidden).castTo(DataType.FLOAT);
    out = Nd4j.create(DataType.FLOAT, rows, hidden);
    for (int p = 0; p < PARTS; p++) {
      dVParts[p] = new double[hidden][hidden];
    }
  }

  double firingRate() {
    return firingRate;
  }

  /** Dense and event-driven FLOPs are those of the dense product: 2 T B H^2. */
  @Override
  public double denseFlops() {
    return 2.0 * rows * hidden * hidden;
  }

  @Override
  public double denseForward() {
    Nd4j.gemm(sDense, vDense, out, false, false, 1.0, 0.0);
    return out.getFloat(0);
  }

  @Override
  public double denseBackward() {
    INDArray dV = Nd4j.gemm(sDense, gDense, true, false);
    return dV.getFloat(0);
  }

  @Override
  public double eventForward() {
    double[] sums = new double[PARTS];
    Parallel.run(rows, PARTS, (lo, hi, part) -> {
      int[] fired = new int[hidden];
      double[] rec = new double[hidden];
      for (int row = lo; row < hi; row++) {
        eventRow(row, fired, rec);
        sums[part] += rec[0];
      }
    });
    return sums[0];
  }

  /** rec = row {@code row} of s V, summed over the spikes ({@code fired}: scratch). */
  private void eventRow(int row, int[] fired, double[] rec) {
    int count = SpikeProducts.fired(s, row * hidden, hidden, fired);
    java.util.Arrays.fill(rec, 0.0);
    SpikeProducts.addRows(vRows, fired, count, s, row * hidden, rec);
  }

  @Override
  public double eventBackward() {
    Parallel.run(rows, PARTS, (lo, hi, part) -> {
      int[] fired = new int[hidden];
      double[] gRow = new double[hidden];
      double[][] dV = dVParts[part];
      for (double[] row : dV) {
        java.util.Arrays.fill(row, 0.0);
      }
      for (int row = lo; row < hi; row++) {
        int count = SpikeProducts.fired(s, row * hidden, hidden, fired);
        if (count > 0) {
          System.arraycopy(g, row * hidden, gRow, 0, hidden);
          SpikeProducts.addOuter(fired, count, s, row * hidden, gRow, dV);
        }
      }
    });
    double[][] dV = new double[hidden][hidden];
    for (double[][] part : dVParts) {
      for (int i = 0; i < hidden; i++) {
        for (int j = 0; j < hidden; j++) {
          dV[i][j] += part[i][j];
        }
      }
    }
    return dV[0][0];
  }

  /** The largest difference between the two ways of either product, relative to its largest value. */
  @Override
  public double mismatch() {
    denseForward();
    double[] dense = out.castTo(DataType.DOUBLE).data().asDouble();
    double worst = 0;
    double scale = 0;
    int[] fired = new int[hidden];
    double[] rec = new double[hidden];
    for (int row = 0; row < rows; row++) {
      eventRow(row, fired, rec);
      for (int j = 0; j < hidden; j++) {
        worst = Math.max(worst, Math.abs(rec[j] - dense[row * hidden + j]));
        scale = Math.max(scale, Math.abs(rec[j]));
      }
    }
    return scale == 0 ? worst : worst / scale;
  }
}
