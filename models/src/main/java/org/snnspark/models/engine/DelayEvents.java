package org.snnspark.models.engine;

import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The delayed input product of {@link SynapticDelays} over the non-zero inputs only, for spike
 * input where most of X is zero. X [rows, nIn] (time-major, row t * mb + b) is scanned once into
 * its non-zero entries (x, row r, input i), and each entry reaches every tap d:
 * <pre>
 *   forward   Z[r + d mb, :]   += x (W o G_d)[i, :]
 *   backward  dWd[d][i, :]     += x dZ[r + d mb, :]
 * </pre>
 * about nnz (D + 1) nOut multiply-adds each, against rows nIn (D + 1) nOut for the GEMMs. The
 * forward pass splits the output rows between threads, the backward pass the output columns, so
 * every sum runs in the same order on any machine. Sums in double.
 */
final class DelayEvents {
  private final int nIn;
  private final int nOut;
  private final int taps;
  /** The non-zero entries of the last scanned X by row: row r's are at rowStart[r] .. rowStart[r + 1]. */
  private int[] rowStart = new int[1];
  private int[] index = new int[64];
  private double[] value = new double[64];
  private int rows;

  DelayEvents(int nIn, int nOut, int taps) {
    this.nIn = nIn;
    this.nOut = nOut;
    this.taps = taps;
  }

  /** Lists the non-zero entries of X [rows, nIn] (c order, FLOAT or DOUBLE). */
  void scan(INDArray x) {
    Nd4j.getAffinityManager().ensureLocation(x, AffinityManager.Location.HOST);
    rows = Math.toIntExact(x.size(0));
    if (rowStart.length < rows + 1) {
      rowStart = new int[rows + 1];
    }
    int perChunk = Math.max(1, 8192 / Math.max(1, nIn));
    double[] chunk = new double[perChunk * nIn];
    float[] scratch = new float[chunk.length];
    int[] nz = new int[nIn];
    int count = 0;
    for (int first = 0; first < rows; first += perChunk) {
      int n = Math.min(perChunk, rows - first);
      TimeMajor.readRange(x, (long) first * nIn, n * nIn, chunk, 0, scratch);
      for (int k = 0; k < n; k++) {
        rowStart[first + k] = count;
        int found = IndexScan.nonZero(chunk, k * nIn, nIn, nz);
        if (count + found > index.length) {
          int size = Math.max(count + found, 2 * index.length);
          index = Arrays.copyOf(index, size);
          value = Arrays.copyOf(value, size);
        }
        for (int e = 0; e < found; e++) {
          index[count + e] = nz[e];
          value[count + e] = chunk[k * nIn + nz[e]];
        }
        count += found;
      }
    }
    rowStart[rows] = count;
  }

  /**
   * out[r, :] = bias + sum_d sum over the entries of row r - d mb of x (W o G_d)[i, :], for all rows.
   *
   * @param tapWeights (W o G_d)[i, j] at {@code d * nIn * nOut + i * nOut + j}
   * @param bias       may be null
   */
  void product(int mb, double[] tapWeights, double[] bias, double[] out) {
    int n = nOut;
    int perTap = nIn * nOut;
    Parallel.run(rows, Parallel.elementwiseParts((long) rows * nOut), (lo, hi, part) -> {
      for (int r = lo; r < hi; r++) {
        int at = r * n;
        if (bias != null) {
          System.arraycopy(bias, 0, out, at, n);
        } else {
          Arrays.fill(out, at, at + n, 0.0);
        }
        for (int d = 0; d < taps; d++) {
          int src = r - d * mb;
          if (src < 0) {
            break;
          }
          for (int e = rowStart[src]; e < rowStart[src + 1]; e++) {
            double v = value[e];
            int wAt = d * perTap + index[e] * n;
            for (int j = 0; j < n; j++) {
              out[at + j] += v * tapWeights[wAt + j];
            }
          }
        }
      }
    });
  }

  /**
   * dWd[d][i, j] = sum over the entries (r, i) of x dZ[r + d mb, j], at {@code d * nIn * nOut + i * nOut + j}.
   *
   * @param g dL/dZ, time-major [rows, nOut]
   */
  double[] tapGradients(int mb, double[] g) {
    int n = nOut;
    int perTap = nIn * nOut;
    double[] dWd = new double[taps * perTap];
    Parallel.run(n, Parallel.elementwiseParts((long) rows * nOut), (lo, hi, part) -> {
      for (int r = 0; r < rows; r++) {
        for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
          double v = value[e];
          int i = index[e];
          for (int d = 0; d < taps; d++) {
            int dst = r + d * mb;
            if (dst >= rows) {
              break;
            }
            int gAt = dst * n;
            int wAt = d * perTap + i * n;
            for (int j = lo; j < hi; j++) {
              dWd[wAt + j] += v * g[gAt + j];
            }
          }
        }
      }
    });
    return dWd;
  }
}
