package org.snnspark.pipeline.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds DL4J minibatches from stored samples: features [batch, channels, time] (NCW, the network
 * boundary), one-hot labels [batch, classes], and a features mask [batch, time] when samples are
 * shorter than the frame. Runs on the executors, one batch at a time, so no dense copy of a split
 * ever exists.
 * <p>
 * The features are an NCW <em>view</em> of time-major memory ([time, batch, channels] in 'c'
 * order), the layout the spiking layers compute in: the first layer then takes its input matrix
 * as it is, where a 'c'-ordered NCW array would cost it a transpose of the whole minibatch every
 * step, which took longer than the layer's GEMM (docs/performance.md, "Time-major memory").
 */
public final class BatchBuilder implements Serializable {
  private final int channels;
  private final int steps;
  private final int classes;
  /** Per-channel standardisation (mean, 1/std) for feature datasets; null: values as stored. */
  private final float[] mean;
  private final float[] invStd;

  public BatchBuilder(int channels, int steps, int classes) {
    this(channels, steps, classes, null, null);
  }

  public BatchBuilder(int channels, int steps, int classes, double[] mean, double[] std) {
    this.channels = channels;
    this.steps = steps;
    this.classes = classes;
    if (mean != null) {
      if (mean.length != channels || std.length != channels) {
        throw new IllegalArgumentException("normalisation has " + mean.length + " means and "
            + std.length + " deviations for " + channels + " channels");
      }
      this.mean = new float[channels];
      this.invStd = new float[channels];
      for (int c = 0; c < channels; c++) {
        this.mean[c] = (float) mean[c];
        // a constant feature (std 0) stays centred rather than becoming infinite
        this.invStd[c] = std[c] > 0 ? (float) (1 / std[c]) : 1f;
      }
    } else {
      this.mean = null;
      this.invStd = null;
    }
  }

  public DataSet build(List<? extends Sample> samples) {
    int b = samples.size();
    float[] x = new float[b * channels * steps];
    float[] y = new float[b * classes];
    float[] m = new float[b * steps];
    boolean padded = false;
    for (int i = 0; i < b; i++) {
      Sample s = samples.get(i);
      if (s.label() < 0 || s.label() >= classes) {
        throw new IllegalArgumentException("sample " + s.id() + ": label " + s.label()
            + " outside [0, " + classes + ")");
      }
      y[i * classes + s.label()] = 1f;
      s.writeTo(x, i, b, channels, steps);
      int length = s.length(steps);
      if (mean != null) {
        standardise(x, i, b, length);
      }
      padded |= length < steps;
      for (int t = 0; t < length; t++) {
        m[i * steps + t] = 1f;
      }
    }
    INDArray features = Nd4j.create(x, new long[] {steps, b, channels}, 'c').permute(1, 2, 0);
    INDArray labels = Nd4j.create(y, new long[] {b, classes}, 'c');
    INDArray mask = padded ? Nd4j.create(m, new long[] {b, steps}, 'c') : null;
    return new DataSet(features, labels, mask, null);
  }

  private void standardise(float[] x, int sample, int batch, int length) {
    for (int t = 0; t < length; t++) {
      int row = (t * batch + sample) * channels;
      for (int c = 0; c < channels; c++) {
        x[row + c] = (x[row + c] - mean[c]) * invStd[c];
      }
    }
  }

  /** Cuts a stream of samples into consecutive batches of at most {@code batchSize}. */
  public Iterator<DataSet> batches(Iterator<? extends Sample> samples, int batchSize) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return samples.hasNext();
      }

      @Override
      public DataSet next() {
        if (!samples.hasNext()) {
          throw new NoSuchElementException();
        }
        List<Sample> batch = new ArrayList<>(batchSize);
        while (samples.hasNext() && batch.size() < batchSize) {
          batch.add(samples.next());
        }
        return build(batch);
      }
    };
  }

  public int channels() {
    return channels;
  }

  public int steps() {
    return steps;
  }

  public int classes() {
    return classes;
  }
}
