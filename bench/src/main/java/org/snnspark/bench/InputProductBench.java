package org.snnspark.bench;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnspark.models.engine.InputEvents;

/**
 * A spiking layer's input product over all its time-major rows at a given input density, done
 * both ways:
 * <pre>
 *   forward   x W      dense: one float32 GEMM [T*B, nIn] x [nIn, H]    event-driven: rows of W of the non-zero inputs
 *   backward  x^T g    dense: one float32 GEMM [nIn, T*B] x [T*B, H]    event-driven: g added to the rows of dW of them
 * </pre>
 * The event-driven side is {@link InputEvents} as the layers call it (into a double drive array,
 * dW into a float32 gradient view), the dense side what they do otherwise (its float32 output still
 * to be read into the drive array, a pass the event-driven side does not need).
 */
final class InputProductBench implements EventVsDense {
  private final int rows;
  private final int inputs;
  private final int hidden;
  private final INDArray x;
  private final INDArray w;
  private final double[] g;
  private final INDArray gDense;
  private final INDArray z;
  private final INDArray dW;
  private final double[] drive;
  private final InputEvents events;
  private final double density;

  InputProductBench(int inputs, int hidden, int steps, int batch, double density, long seed) {
    this.rows = steps * batch;
    this.inputs = inputs;
    this.hidden = hidden;
    Random r = new Random(seed);
    float[] xs = new float[rows * inputs];
    long nonZero = 0;
    for (int i = 0; i < xs.length; i++) {
      if (r.nextDouble() < density) {
        xs[i] = 1f;
        nonZero++;
      }
    }
    this.density = nonZero / (double) xs.length;
    x = Nd4j.create(xs, new long[] {rows, inputs}, 'c');
    double[] ws = new double[inputs * hidden];
    for (int i = 0; i < ws.length; i++) {
      ws[i] = r.nextGaussian() / Math.sqrt(inputs);
    }
    // a layer keeps W in 'f' order
    w = Nd4j.createFromArray(ws).reshape(inputs, hidden).castTo(DataType.FLOAT).dup('f');
    g = new double[rows * hidden];
    for (int i = 0; i < g.length; i++) {
      g[i] = r.nextGaussian();
    }
    gDense = Nd4j.createFromArray(g).reshape(rows, hidden).castTo(DataType.FLOAT);
    z = Nd4j.create(DataType.FLOAT, rows, hidden);
    dW = Nd4j.create(DataType.FLOAT, new long[] {inputs, hidden}, 'f');
    drive = new double[rows * hidden];
    events = new InputEvents(inputs, hidden);
  }

  /** The fraction of non-zero inputs actually drawn. */
  double density() {
    return density;
  }

  /** FLOPs of the dense product: 2 T B nIn H (either direction). */
  @Override
  public double denseFlops() {
    return 2.0 * rows * inputs * hidden;
  }

  @Override
  public double denseForward() {
    Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
    return z.getFloat(0);
  }

  @Override
  public double denseBackward() {
    Nd4j.gemm(x, gDense, dW, true, false, 1.0, 0.0);
    return dW.getFloat(0);
  }

  @Override
  public double eventForward() {
    events.product(x, rows, w, null, drive);
    return drive[0];
  }

  @Override
  public double eventBackward() {
    events.weightGradient(x, rows, g, dW);
    return dW.getFloat(0);
  }

  /** The largest difference between the two forward products, relative to the largest value. */
  @Override
  public double mismatch() {
    denseForward();
    eventForward();
    double[] dense = z.castTo(DataType.DOUBLE).data().asDouble();
    double worst = 0;
    double scale = 0;
    for (int i = 0; i < dense.length; i++) {
      worst = Math.max(worst, Math.abs(drive[i] - dense[i]));
      scale = Math.max(scale, Math.abs(drive[i]));
    }
    return scale == 0 ? worst : worst / scale;
  }
}
