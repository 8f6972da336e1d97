package org.snnspark.pipeline.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code metric.svg}: the sweep's metric against each swept key, one panel per key (against the
 * configuration number when nothing is swept). Every trial that ran all its epochs is a filled dot,
 * a stopped one a hollow grey dot at its last rung's value; a key with text values (a grid of
 * neuron models) gets one column per value with the mean and ± one standard deviation of its
 * finished trials, a numeric one a linear or, for a log-uniform range, a logarithmic axis.
 * Plain SVG text, the same bytes for the same outcomes.
 */
final class MetricPlot {
  private static final int WIDTH = 560;
  private static final int PANEL = 300;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private MetricPlot() {}

  static String svg(SweepSpec spec, List<TrialOutcome> outcomes) {
    List<String> keys = spec.axes().isEmpty() ? List.of("configuration") : spec.axes();
    double[] range = range(outcomes);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, PANEL * keys.size()));
    b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH,
        PANEL * keys.size()));
    for (int i = 0; i < keys.size(); i++) {
      new Panel(spec, outcomes, keys.get(i), range, i * PANEL).draw(b);
    }
    return b.append("</svg>\n").toString();
  }

  /** The metric's span over the plotted trials, padded, so every panel shares one y axis. */
  private static double[] range(List<TrialOutcome> outcomes) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (TrialOutcome o : outcomes) {
      if (plotted(o)) {
        lo = Math.min(lo, o.metric());
        hi = Math.max(hi, o.metric());
      }
    }
    if (lo > hi) {
      return new double[] {0, 1};
    }
    double pad = hi > lo ? 0.08 * (hi - lo) : 0.5;
    return new double[] {lo - pad, hi + pad};
  }

  private static boolean plotted(TrialOutcome o) {
    return o.status() != TrialStatus.FAILED && !Double.isNaN(o.metric());
  }

  /** One key's panel, its top at {@code y0}. */
  private static final class Panel {
    private final SweepSpec spec;
    private final List<TrialOutcome> outcomes;
    private final String key;
    private final double[] range;
    private final int y0;
    private final List<String> categories = new ArrayList<>();
    private DoubleUnaryOperator scaleX;
    private double xMin;
    private double xMax;

    Panel(SweepSpec spec, List<TrialOutcome> outcomes, String key, double[] range, int y0) {
      this.spec = spec;
      this.outcomes = outcomes;
      this.key = key;
      this.range = range;
      this.y0 = y0;
    }

    void draw(StringBuilder b) {
      boolean numeric = outcomes.stream().allMatch(o -> value(o) instanceof Number);
      ParameterRange drawn = spec.random().get(key);
      boolean log = numeric && (drawn != null ? drawn.log() : spansDecades());
      scaleX = log ? Math::log10 : x -> x;
      if (numeric) {
        xMin = outcomes.stream().mapToDouble(o -> scaleX.applyAsDouble(number(o))).min().orElse(0);
        xMax = outcomes.stream().mapToDouble(o -> scaleX.applyAsDouble(number(o))).max().orElse(1);
        if (xMax == xMin) {
          xMin -= 1;
          xMax += 1;
        }
      } else {
        outcomes.forEach(o -> {
          if (!categories.contains(String.valueOf(value(o)))) {
            categories.add(String.valueOf(value(o)));
          }
        });
      }
      frame(b, numeric, log);
      if (!numeric) {
        means(b);
      }
      Map<String, Integer> inColumn = new LinkedHashMap<>();
      for (TrialOutcome o : outcomes) {
        if (plotted(o)) {
          // a column's trials side by side, so that equal scores stay visible
          int k = numeric ? 0 : inColumn.merge(String.valueOf(value(o)), 1, Integer::sum) - 1;
          double x = numeric ? px(scaleX.applyAsDouble(number(o)))
              : column(String.valueOf(value(o))) + (k % 5 - 2) * 5;
          boolean finished = o.status() == TrialStatus.SUCCEEDED;
          b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" %s><title>trial %s: %s</title>"
              + "</circle>%n", x, py(o.metric()), finished ? "fill=\"#1f77b4\" fill-opacity=\"0.7\""
              : "fill=\"none\" stroke=\"#888\"", o.trial().id(), text(o.trial().describe() + " seed="
              + o.trial().seed() + " " + o.status())));
        }
      }
    }

    private void frame(StringBuilder b, boolean numeric, boolean log) {
      int bottom = y0 + PANEL - BOTTOM;
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\">%s against %s</text>%n", LEFT,
          y0 + 22, text(spec.metric().key() + " (" + (spec.maximise() ? "max" : "min") + ")"), text(key)));
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
          + " stroke=\"black\"/>%n", LEFT, y0 + TOP, WIDTH - LEFT - RIGHT, PANEL - TOP - BOTTOM));
      for (int i = 0; i <= 4; i++) {
        double v = range[0] + i * (range[1] - range[0]) / 4;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>%n",
            LEFT - 6, py(v) + 4, v));
      }
      if (numeric) {
        for (int i = 0; i <= 4; i++) {
          double v = xMin + i * (xMax - xMin) / 4;
          b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.3g</text>%n",
              px(v), bottom + 16, log ? Math.pow(10, v) : v));
        }
      } else {
        for (String c : categories) {
          b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
              column(c), bottom + 16, text(c)));
        }
      }
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s%s</text>%n",
          (LEFT + WIDTH - RIGHT) / 2, bottom + 36, text(key), log ? " (log scale)" : ""));
    }

    /** Per text value: the mean of its finished trials as a bar, ± one standard deviation as a whisker. */
    private void means(StringBuilder b) {
      Map<String, List<Double>> byValue = new LinkedHashMap<>();
      for (TrialOutcome o : outcomes) {
        if (o.succeeded() && !Double.isNaN(o.metric())) {
          byValue.computeIfAbsent(String.valueOf(value(o)), k -> new ArrayList<>()).add(o.metric());
        }
      }
      byValue.forEach((c, xs) -> {
        double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double std = xs.size() < 2 ? 0 : Math.sqrt(ss / (xs.size() - 1));
        double x = column(c);
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\"/>%n",
            x, x, py(mean - std), py(mean + std)));
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d62728\""
            + " stroke-width=\"3\"><title>%s: %.4f ± %.4f (%d)</title></line>%n", x - 14, x + 14, py(mean), py(mean),
            text(c), mean, std, xs.size()));
      });
    }

    /** A positive grid over two decades or more (rates: 1e-3, 1e-2, 1e-1) reads on a log axis. */
    private boolean spansDecades() {
      double lo = outcomes.stream().mapToDouble(this::number).min().orElse(0);
      double hi = outcomes.stream().mapToDouble(this::number).max().orElse(0);
      return lo > 0 && hi / lo >= 100;
    }

    private Object value(TrialOutcome o) {
      return key.equals("configuration") && spec.axes().isEmpty() ? o.trial().configuration()
          : o.trial().values().get(key);
    }

    private double number(TrialOutcome o) {
      return ((Number) value(o)).doubleValue();
    }

    private double px(double x) {
      double w = WIDTH - LEFT - RIGHT;
      return LEFT + 20 + (x - xMin) / (xMax - xMin) * (w - 40);
    }

    private double column(String category) {
      double w = WIDTH - LEFT - RIGHT;
      return LEFT + (categories.indexOf(category) + 0.5) * w / categories.size();
    }

    private double py(double v) {
      double h = PANEL - TOP - BOTTOM;
      return y0 + TOP + (1 - (v - range[0]) / (range[1] - range[0])) * h;
    }
  }

  private static String text(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
