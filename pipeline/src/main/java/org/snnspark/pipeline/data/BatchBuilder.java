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
 * Densifies sparse samples into DL4J minibatches: features [batch, channels, time] (NCW, the
 * network boundary), one-hot labels [batch, classes]. Runs on the executors, one batch at a time,
 * so no dense copy of a split ever exists.
 */
public final class BatchBuilder implements Serializable {
  private final int channels;
  private final int steps;
  private final int classes;

  public BatchBuilder(int channels, int steps, int classes) {
    this.channels = channels;
    this.steps = steps;
    this.classes = classes;
  }

  public DataSet build(List<SparseSample> samples) {
    int b = samples.size();
    float[] x = new float[b * channels * steps];
    float[] y = new float[b * classes];
    for (int i = 0; i < b; i++) {
      SparseSample s = samples.get(i);
      if (s.label() < 0 || s.label() >= classes) {
        throw new IllegalArgumentException("sample " + s.id() + ": label " + s.label()
            + " outside [0, " + classes + ")");
      }
      y[i * classes + s.label()] = 1f;
      int base = i * channels * steps;
      for (int k = 0; k < s.time().length; k++) {
        int t = s.time()[k];
        int c = s.channel()[k];
        if (t < 0 || t >= steps || c < 0 || c >= channels) {
          throw new IllegalArgumentException("sample " + s.id() + ": spike at (time " + t
              + ", channel " + c + ") outside the frame [" + steps + " steps, " + channels
              + " channels] the manifest declares");
        }
        x[base + c * steps + t] += s.count()[k];
      }
    }
    INDArray features = Nd4j.create(x, new long[] {b, channels, steps}, 'c');
    INDArray labels = Nd4j.create(y, new long[] {b, classes}, 'c');
    return new DataSet(features, labels);
  }

  /** Cuts a stream of samples into consecutive batches of at most {@code batchSize}. */
  public Iterator<DataSet> batches(Iterator<SparseSample> samples, int batchSize) {
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
        List<SparseSample> batch = new ArrayList<>(batchSize);
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
