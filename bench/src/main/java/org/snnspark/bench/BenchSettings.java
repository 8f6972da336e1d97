package org.snnspark.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one bench run measures and how often; built by {@link BenchCommand} from its options.
 *
 * @param filters a measurement runs when its name contains one of these (case-insensitive); empty: all
 * @param timer warm-up, repeats and the shortest timed run
 * @param grid how the layer grid is formed from the axes
 * @param hidden layer grid: hidden sizes
 * @param steps layer grid: time steps
 * @param batch layer grid: batch sizes
 * @param firingRate the firing rate the layer inputs are scaled to
 * @param stepBatches batch sizes of the RadLIF training step on one MultiLayerNetwork
 * @param sparkBatches batch sizes per worker of the RadLIF training step through Spark
 * @param averagingFrequency minibatches per worker between parameter averages
 * @param master the Spark master of the Spark measurements
 * @param shdSamples samples in the synthetic SHD file of the preprocessing measurements
 * @param audioSeconds seconds each audio figure is measured for, per repeat
 * @param timeToAccuracy the time-to-accuracy runs
 * @param seed seeds every input
 */
public record BenchSettings(List<String> filters, Timer timer, Grid grid, int[] hidden, int[] steps, int[] batch,
    double firingRate, int[] stepBatches, int[] sparkBatches, int averagingFrequency, String master,
    int shdSamples, double audioSeconds, TimeToAccuracy timeToAccuracy, long seed) {

  /**
   * The time-to-accuracy runs: one training per setup and worker count.
   *
   * @param workers worker counts
   * @param setups ways of training with several workers
   * @param target validation accuracy to reach
   * @param maxEpochs epochs a run may take
   * @param trainSamples samples in the generated train file
   * @param datasetSeeds one generated dataset per seed, which also seeds its training runs
   */
  public record TimeToAccuracy(int[] workers, List<TtaSetup> setups,
      double target, int maxEpochs, int trainSamples, List<Long> datasetSeeds) {}

  /** How grid points are formed from the hidden, steps and batch axes. */
  public enum Grid {
    /** The base point (H 128, T 100, B 128 when on the axes) and one axis varied at a time. */
    STAR,
    /** Every combination (FastSNN's run_benchmarks); long, and large points may not fit in memory. */
    FULL
  }

  /** One point of the layer grid. */
  public record Point(int hidden, int steps, int batch) {
    public String label() {
      return "h" + hidden + "/t" + steps + "/b" + batch;
    }
  }

  /** sparch's SHD setting; the star grid is centred here when the axes contain these values. */
  static final Point BASE = new Point(128, 100, 128);

  public boolean selected(String name) {
    if (filters.isEmpty()) {
      return true;
    }
    String n = name.toLowerCase(Locale.ROOT);
    for (String f : filters) {
      if (n.contains(f.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The grid points, in order: batch, then steps, then hidden size growing fastest. */
  public List<Point> points() {
    List<Point> all = new ArrayList<>();
    for (int b : batch) {
      for (int t : steps) {
        for (int h : hidden) {
          all.add(new Point(h, t, b));
        }
      }
    }
    if (grid == Grid.FULL) {
      return all;
    }
    Point base = new Point(baseOf(hidden, BASE.hidden()), baseOf(steps, BASE.steps()), baseOf(batch, BASE.batch()));
    List<Point> star = new ArrayList<>();
    for (Point p : all) {
      int differing = (p.hidden() != base.hidden() ? 1 : 0) + (p.steps() != base.steps() ? 1 : 0)
          + (p.batch() != base.batch() ? 1 : 0);
      if (differing <= 1) {
        star.add(p);
      }
    }
    return star;
  }

  private static int baseOf(int[] axis, int preferred) {
    return Arrays.stream(axis).anyMatch(v -> v == preferred) ? preferred : axis[0];
  }
}
