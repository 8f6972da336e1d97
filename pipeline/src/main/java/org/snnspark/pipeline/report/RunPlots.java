package org.snnspark.pipeline.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.snnspark.models.dl4j.LeakyReadoutImpl;
import org.snnspark.models.dl4j.SpikingLayer;
import org.snnspark.pipeline.io.StagedOutput;

/**
 * The PNG plots of a training run: learning curves, spike rasters of one sample (its input and
 * every spiking layer's output) and membrane traces, the pictures people check first when a spiking
 * network does not learn (silent or saturated layers show at a glance).
 */
public final class RunPlots {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;

  static {
    // rendering must never need a display (executors, CI, ssh sessions)
    System.setProperty("java.awt.headless", "true");
  }

  private RunPlots() {}

  /** Writes loss.png and accuracy.png. */
  public static void curves(StagedOutput out, List<EpochStats> history) {
    XYChart loss = chart("Training loss", "epoch", "loss");
    addSeries(loss, "train loss", history, EpochStats::trainLoss);
    write(out, "loss.png", loss);

    XYChart acc = chart("Accuracy", "epoch", "accuracy");
    addSeries(acc, "train", history, EpochStats::trainAccuracy);
    addSeries(acc, "validation", history, EpochStats::validAccuracy);
    acc.getStyler().setYAxisMin(0.0);
    acc.getStyler().setYAxisMax(1.0);
    write(out, "accuracy.png", acc);
  }

  /**
   * Writes the input of the first sample of {@code features} ([batch, channels, time]) —
   * spikes-input.png, a raster, for spike counts; features-input.png, a heat map, for feature
   * frames (log-mel, fbank), whose values are no spikes — and spikes-layerN.png, with the
   * network's prediction in the titles.
   */
  public static void rasters(StagedOutput out, MultiLayerNetwork net, INDArray features,
      String sampleTitle) {
    INDArray one = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1),
        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all());
    List<INDArray> acts = net.feedForward(one, false);
    if (isSpikeCounts(one)) {
      write(out, "spikes-input.png", raster("Input spikes: " + sampleTitle, "channel", one));
    } else {
      write(out, "features-input.png", heatMap("Input features: " + sampleTitle, one));
    }
    int spiking = net.getnLayers() - 2;
    for (int l = 0; l < spiking; l++) {
      write(out, "spikes-layer" + (l + 1) + ".png", raster("Layer " + (l + 1) + " spikes: "
          + sampleTitle, "neuron", acts.get(l + 1)));
    }
  }

  /** Whether a frame holds spike counts (non-negative integers) rather than feature values. */
  static boolean isSpikeCounts(INDArray frame) {
    for (double v : frame.dup().data().asDouble()) {
      if (v < 0 || v != Math.rint(v)) {
        return false;
      }
    }
    return true;
  }

  private static Chart<?, ?> heatMap(String title, INDArray frame) {
    int features = (int) frame.size(1);
    int steps = (int) frame.size(2);
    int[] xs = new int[steps];
    int[] ys = new int[features];
    for (int t = 0; t < steps; t++) {
      xs[t] = t;
    }
    for (int f = 0; f < features; f++) {
      ys[f] = f;
    }
    List<Number[]> cells = new ArrayList<>(steps * features);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int t = 0; t < steps; t++) {
      for (int f = 0; f < features; f++) {
        double v = frame.getDouble(0, f, t);
        cells.add(new Number[] {t, f, v});
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle("time step").yAxisTitle("feature").build();
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setShowValue(false);
    c.getStyler().setPlotContentSize(1.0);
    c.getStyler().setMin(min);
    c.getStyler().setMax(max);
    c.getStyler().setXAxisTicksVisible(true);
    c.getStyler().setXAxisDecimalPattern("#");
    c.getStyler().setYAxisDecimalPattern("#");
    c.addSeries("features", toList(xs), toList(ys), cells);
    return c;
  }

  private static List<Integer> toList(int[] values) {
    List<Integer> out = new ArrayList<>(values.length);
    for (int v : values) {
      out.add(v);
    }
    return out;
  }

  /**
   * Writes membrane-layer1.png (the five neurons of the first spiking layer whose peak is nearest the
   * threshold, on an axis bounded to a few thresholds: {@link MembraneTraces}) and
   * membrane-readout.png (one trace per class: what the readout's time reduction sees) for the first
   * sample of {@code features}.
   */
  public static void membranes(StagedOutput out, MultiLayerNetwork net, INDArray features,
      List<String> classNames, String sampleTitle) {
    INDArray one = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1),
        org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all());
    INDArray spikes = net.feedForward(one, false).get(1);
    if (net.getLayer(0) instanceof SpikingLayer layer && layer.lastMembrane(0) != null) {
      double[][] u = layer.lastMembrane(0);
      double threshold = 1;
      double lo = -MembraneTraces.AXIS_THRESHOLDS * threshold;
      double hi = (1 + MembraneTraces.AXIS_THRESHOLDS) * threshold;
      XYChart c = chart("Layer 1 membrane potential, neurons peaking nearest the threshold: " + sampleTitle,
          "time step", "membrane potential (threshold 1)");
      c.getStyler().setYAxisMin(lo);
      c.getStyler().setYAxisMax(hi);
      int[] picked = MembraneTraces.nearThreshold(u, 5, threshold);
      for (int k = 0; k < picked.length; k++) {
        int j = picked[k];
        double count = spikes.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
            org.nd4j.linalg.indexing.NDArrayIndex.point(j),
            org.nd4j.linalg.indexing.NDArrayIndex.all()).sumNumber().doubleValue();
        String name = "neuron " + j + " (" + (int) count + " spikes"
            + (MembraneTraces.leaves(u[j], lo, hi) ? String.format(java.util.Locale.ROOT,
                ", cut at the axis: %.3g .. %.3g", java.util.Arrays.stream(u[j]).min().orElse(0),
                MembraneTraces.peak(u[j])) : "") + ")";
        SeriesStyles.apply(addTrace(c, name, MembraneTraces.clip(u[j], lo, hi)), k);
      }
      double[] line = new double[u.length == 0 ? 0 : u[0].length];
      java.util.Arrays.fill(line, threshold);
      if (line.length > 0) {
        XYSeries th = addTrace(c, "threshold", line);
        th.setLineColor(java.awt.Color.BLACK);
        th.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
            10f, new float[] {4f, 4f}, 0f));
      }
      write(out, "membrane-layer1.png", c);
    }
    for (int l = 0; l < net.getnLayers(); l++) {
      if (net.getLayer(l) instanceof LeakyReadoutImpl readout && readout.lastMembrane(0) != null) {
        double[][] u = readout.lastMembrane(0);
        XYChart c = chart("Readout membrane potential per class: " + sampleTitle, "time step",
            "membrane potential");
        for (int k = 0; k < u.length; k++) {
          SeriesStyles.apply(addTrace(c, k < classNames.size() ? classNames.get(k) : "class " + k, u[k]), k);
        }
        write(out, "membrane-readout.png", c);
      }
    }
  }

  private static XYSeries addTrace(XYChart c, String name, double[] trace) {
    double[] xs = new double[trace.length];
    for (int t = 0; t < xs.length; t++) {
      xs[t] = t;
    }
    XYSeries s = c.addSeries(name, xs, trace);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  private static XYChart raster(String title, String yLabel, INDArray frame) {
    long units = frame.size(1);
    long steps = frame.size(2);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      for (int t = 0; t < steps; t++) {
        if (frame.getDouble(0, u, t) > 0) {
          xs.add((double) t);
          ys.add((double) u);
        }
      }
    }
    XYChart c = chart(title + " (" + xs.size() + " spikes)", "time step", yLabel);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setMarkerSize(3);
    c.getStyler().setLegendVisible(false);
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax((double) steps);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax((double) units);
    if (xs.isEmpty()) { // XChart refuses empty series; a silent layer is itself worth seeing
      xs.add(-1.0);
      ys.add(-1.0);
    }
    c.addSeries("spikes", xs, ys).setMarker(SeriesMarkers.CIRCLE);
    return c;
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x)
        .yAxisTitle(y).build();
    c.getStyler().setAntiAlias(true);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    return c;
  }

  private static void addSeries(XYChart c, String name, List<EpochStats> history,
      ToDoubleFunction<EpochStats> value) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (EpochStats e : history) {
      double v = value.applyAsDouble(e);
      if (!Double.isNaN(v)) {
        xs.add((double) e.epoch());
        ys.add(v);
      }
    }
    if (!xs.isEmpty()) {
      c.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
    }
  }

  private static void write(StagedOutput out, String name, Chart<?, ?> chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      out.writeAtomically(name, o -> o.write(png));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + name + ": " + e.getMessage(), e);
    }
  }
}
