package org.snnspark.pipeline.report;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYSeries;

/**
 * A distinct look for each of many series: ten colours (matplotlib's tab10) times four line
 * styles, so the 20 classes of SHD or the 35 words of Speech Commands never share one (XChart's
 * default theme repeats its colours after a few series).
 */
final class SeriesStyles {
  static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
      new Color(0xbcbd22), new Color(0x17becf)};
  private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}, {8f, 3f, 2f, 3f}};

  private SeriesStyles() {}

  /** How many series get a look of their own. */
  static int distinct() {
    return COLORS.length * DASHES.length;
  }

  static Color color(int k) {
    return COLORS[k % COLORS.length];
  }

  static BasicStroke stroke(int k) {
    float[] dash = DASHES[(k / COLORS.length) % DASHES.length];
    return dash == null ? new BasicStroke(1.5f)
        : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
  }

  static void apply(XYSeries s, int k) {
    s.setLineColor(color(k));
    s.setLineStyle(stroke(k));
  }
}
