package org.snnspark.pipeline.nir;

import java.util.Arrays;

/**
 * One numeric field of a NIR node: values in C order, the shape, and the dtype it is stored with.
 * Values are held as doubles, which represent every float32 and every shape exactly.
 */
public record NirArray(double[] values, long[] shape, Dtype dtype) {

  /** The dtypes NIR files hold: torch exports float32, numpy float64, shapes int64. */
  public enum Dtype { FLOAT32, FLOAT64, INT64 }

  public NirArray {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    if (n != values.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
          + " values, got " + values.length);
    }
  }

  public static NirArray vector(double[] values, Dtype dtype) {
    return new NirArray(values, new long[] {values.length}, dtype);
  }

  /** A shape field (Input/Output {@code shape}): int64, as numpy stores a list of Python ints. */
  public static NirArray shapeOf(long... dims) {
    double[] v = new double[dims.length];
    for (int i = 0; i < dims.length; i++) {
      v[i] = dims[i];
    }
    return vector(v, Dtype.INT64);
  }

  /** A matrix [rows][cols] in C order. */
  public static NirArray matrix(double[] values, long rows, long cols, Dtype dtype) {
    return new NirArray(values, new long[] {rows, cols}, dtype);
  }

  public int size() {
    return values.length;
  }

  public double get(int i) {
    return values[i];
  }

  /** Element (r, c) of a matrix. */
  public double at(long r, long c) {
    return values[(int) (r * shape[1] + c)];
  }

  public String shapeText() {
    return Arrays.toString(shape);
  }
}
