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
 * about nnz (D + 1) nOut multiply-adds each, against rows nIn (D + 1) nOut for the GEMMs, on the
 * vector loops of {@link SpikeProducts}. The forward pass splits the output rows between threads,
 * the backward pass the taps, so every sum runs in the same order on any machine. Sums in double.
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
  /** The same entries by input, rows ascending: input i's are at colStart[i] .. colStart[i + 1]. */
  private final int[] colStart;
  private int[] colRow = new int[64];
  private double[] colValue = new double[64];

  DelayEvents(int nIn, int nOut, int taps) {
    this.nIn = nIn;
    this.nOut = nOut;
    this.taps = taps;
    this.colStart = new int[nIn + 1];
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
    byInput(count);
  }

  /** The entries regrouped by input (a counting sort: within an input they stay in row order). */
  private void byInput(int count) {
    if (colRow.length < count) {
      colRow = new int[count];
      colValue = new double[count];
    }
    Arrays.fill(colStart, 0);
    for (int e = 0; e < count; e++) {
      colStart[index[e] + 1]++;
    }
    for (int i = 0; i < nIn; i++) {
      colStart[i + 1] += colStart[i];
    }
    int[] next = Arrays.copyOf(colStart, nIn);
    for (int r = 0; r < rows; r++) {
      for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
        int at = next[index[e]]++;
        colRow[at] = r;
        colValue[at] = value[e];
      }
    }
  }

  /**
   * out[r, :] = bias + sum_d sum over the entries of row r - d mb of x (W o G_d)[i, :], for all rows.
   *
   * @param tapRows (W o G_d)[i, :] at {@code tapRows[d][i]}
   * @param bias    may be null
   */
  void product(int mb, double[][][] tapRows, double[] bias, double[] out) {
    int n = nOut;
    Parallel.run(rows, Parallel.elementwiseParts((long) rows * nOut), (lo, hi, part) -> {
      Row row = new Row();
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
          int count = row.load(src);
          SpikeProducts.addRows(tapRows[d], row.index, count, row.value, 0, out, at, n);
        }
      }
    });
  }

  /**
   * dWd[d][i, :] = sum over the entries (r, i) of x dZ[r + d mb, :], into {@code tapGrads[d][i]}
   * (overwritten): for each tap and input, the row of dWd held in registers over all of the
   * input's entries ({@link SpikeProducts#addEvents}), rows in increasing order. Threads take whole taps.
   *
   * @param g dL/dZ, time-major [rows, nOut]
   */
  void tapGradients(int mb, double[] g, double[][][] tapGrads) {
    int n = nOut;
    int count = rowStart[rows];
    Parallel.run(taps, Math.min(taps, Parallel.elementwiseParts((long) rows * nOut)), (lo, hi, part) -> {
      int[] shifted = new int[count];
      for (int d = lo; d < hi; d++) {
        int shift = d * mb;
        for (int e = 0; e < count; e++) {
          shifted[e] = colRow[e] + shift;
        }
        for (int i = 0; i < nIn; i++) {
          double[] dst = tapGrads[d][i];
          Arrays.fill(dst, 0.0);
          int from = colStart[i];
          int to = colStart[i + 1];
          // entries whose delayed step falls past the end reach no output
          while (to > from && shifted[to - 1] >= rows) {
            to--;
          }
          SpikeProducts.addEvents(dst, 0, n, g, n, shifted, colValue, from, to);
        }
      }
    });
  }

  /** One row's entries in the form {@link SpikeProducts} reads: their inputs, and the values at those inputs. */
  private final class Row {
    final int[] index = new int[nIn];
    final double[] value = new double[nIn];

    /** Loads row {@code r}; returns its number of entries. */
    int load(int r) {
      int from = rowStart[r];
      int count = rowStart[r + 1] - from;
      for (int e = 0; e < count; e++) {
        int i = DelayEvents.this.index[from + e];
        index[e] = i;
        value[i] = DelayEvents.this.value[from + e];
      }
      return count;
    }
  }
}
