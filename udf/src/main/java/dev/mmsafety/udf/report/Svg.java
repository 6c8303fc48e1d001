package dev.mmsafety.udf.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inline SVG charts (no scripts, no external resources): horizontal bars with interval whiskers, diverging bars
 * for deltas, a heatmap and a line chart. All labels go through {@link Html#escape}. When the run had simulated
 * rows, every chart carries the {@link #MARKER} in its top right corner, so a chart cut out of the page still
 * says so.
 */
public final class Svg {
  public static final String MARKER = "SIMULATED";
  static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"};
  private static final int LABEL_W = 260;
  private static final int PLOT_W = 420;
  private static final int ROW_H = 20;

  private final boolean simulated;

  public Svg(boolean simulated) {
    this.simulated = simulated;
  }

  /** A bar: a label, a value in [0, 1] and an optional interval. */
  public record Bar(String label, Double value, Double low, Double high) {}

  /** Horizontal bars on a 0-100% axis with interval whiskers. */
  public String bars(String title, List<Bar> bars) {
    int h = 30 + bars.size() * ROW_H + 20;
    StringBuilder s = open(title, LABEL_W + PLOT_W + 80, h);
    axis(s, 0.0, 1.0, h - 20);
    int y = 30;
    for (Bar b : bars) {
      text(s, LABEL_W - 6, y + 14, "end", b.label());
      if (b.value() != null) {
        int w = (int) Math.round(b.value() * PLOT_W);
        s.append(fmt("<rect x='%d' y='%d' width='%d' height='%d' fill='%s'/>", LABEL_W, y + 3, Math.max(w, 1),
            ROW_H - 6, PALETTE[0]));
        if (b.low() != null && b.high() != null) {
          int x1 = LABEL_W + (int) Math.round(b.low() * PLOT_W);
          int x2 = LABEL_W + (int) Math.round(b.high() * PLOT_W);
          s.append(fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333' stroke-width='1.5'/>", x1, y + 10, x2,
              y + 10));
        }
        text(s, LABEL_W + PLOT_W + 6, y + 14, "start", Html.pct(b.value()));
      } else {
        text(s, LABEL_W + 4, y + 14, "start", "no data");
      }
      y += ROW_H;
    }
    return s.append("</svg>").toString();
  }

  /** Diverging bars for deltas in [-1, 1] around a centre line. */
  public String deltas(String title, List<Bar> bars) {
    int h = 30 + bars.size() * ROW_H + 20;
    StringBuilder s = open(title, LABEL_W + PLOT_W + 90, h);
    int centre = LABEL_W + PLOT_W / 2;
    s.append(fmt("<line x1='%d' y1='24' x2='%d' y2='%d' stroke='#999'/>", centre, centre, h - 18));
    text(s, LABEL_W, h - 4, "start", "-100 pp");
    text(s, centre, h - 4, "middle", "0");
    text(s, LABEL_W + PLOT_W, h - 4, "end", "+100 pp");
    int y = 30;
    for (Bar b : bars) {
      text(s, LABEL_W - 6, y + 14, "end", b.label());
      if (b.value() != null) {
        int w = (int) Math.round(Math.abs(b.value()) * PLOT_W / 2);
        int x = b.value() >= 0 ? centre : centre - w;
        s.append(fmt("<rect x='%d' y='%d' width='%d' height='%d' fill='%s'/>", x, y + 3, Math.max(w, 1), ROW_H - 6,
            b.value() > 0 ? PALETTE[1] : PALETTE[2]));
        text(s, LABEL_W + PLOT_W + 6, y + 14, "start", Html.points(b.value()));
      }
      y += ROW_H;
    }
    return s.append("</svg>").toString();
  }

  /**
   * A heatmap of rates by row x column, white to red, each cell printing its rate and n; a cell without data is
   * grey and says "no data", so 0% (n > 0) never looks like a missing cell.
   */
  public String heatmap(String title, List<String> rows, List<String> cols, Map<List<String>, ReportData.Rate> values) {
    int cellW = 96;
    int cellH = 34;
    int labelW = 200;
    int w = Math.max(labelW + cols.size() * cellW + 10, labelW + 200);
    int h = 50 + rows.size() * cellH + 10;
    StringBuilder s = open(title, w, h);
    for (int c = 0; c < cols.size(); c++) {
      text(s, labelW + c * cellW + cellW / 2, 40, "middle", cols.get(c));
    }
    for (int r = 0; r < rows.size(); r++) {
      int y = 48 + r * cellH;
      text(s, labelW - 6, y + 21, "end", rows.get(r));
      for (int c = 0; c < cols.size(); c++) {
        ReportData.Rate v = values.get(List.of(rows.get(r), cols.get(c)));
        boolean none = v == null || v.n() == 0 || v.rate() == null;
        int x = labelW + c * cellW;
        s.append(fmt("<rect class='%s' x='%d' y='%d' width='%d' height='%d' fill='%s' stroke='#fff'/>",
            none ? "cell no-data" : "cell", x, y, cellW, cellH, none ? "#d9d9d9" : heat(v.rate())));
        if (none) {
          text(s, x + cellW / 2, y + 21, "middle", "no data");
        } else {
          text(s, x + cellW / 2, y + 15, "middle", Html.pct(v.rate()));
          textClass(s, x + cellW / 2, y + 28, "middle", "n", "n=" + v.n());
        }
      }
    }
    return s.append("</svg>").toString();
  }

  /** Lines over ordered x labels (run dates), y in [0, 1], one series per name, with a legend. */
  public String lines(String title, List<String> xs, Map<String, Map<String, Double>> series) {
    int left = 50;
    int plotW = 560;
    int plotH = 200;
    int legendH = 18 * series.size();
    StringBuilder s = open(title, left + plotW + 40, plotH + 70 + legendH);
    int top = 20;
    for (int t = 0; t <= 4; t++) {
      int y = top + plotH - t * plotH / 4;
      s.append(fmt("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#ddd'/>", left, y, left + plotW, y));
      text(s, left - 6, y + 4, "end", t * 25 + "%");
    }
    double step = xs.size() > 1 ? (double) plotW / (xs.size() - 1) : 0;
    for (int i = 0; i < xs.size(); i++) {
      text(s, (int) Math.round(left + i * step), top + plotH + 16, "middle", xs.get(i));
    }
    int idx = 0;
    for (Map.Entry<String, Map<String, Double>> e : series.entrySet()) {
      String colour = PALETTE[idx % PALETTE.length];
      List<String> points = new ArrayList<>();
      for (int i = 0; i < xs.size(); i++) {
        Double v = e.getValue().get(xs.get(i));
        if (v != null) {
          double x = left + i * step;
          double y = top + plotH - v * plotH;
          points.add(fmt("%.1f,%.1f", x, y));
          s.append(fmt("<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>", x, y, colour));
        }
      }
      if (points.size() > 1) {
        s.append(fmt("<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>", colour,
            String.join(" ", points)));
      }
      int ly = top + plotH + 36 + idx * 18;
      s.append(fmt("<rect x='%d' y='%d' width='12' height='12' fill='%s'/>", left, ly - 10, colour));
      text(s, left + 18, ly, "start", e.getKey());
      idx++;
    }
    return s.append("</svg>").toString();
  }

  /** Groups values by key, keeping first-seen order (helper for callers building series). */
  public static <T> Map<String, List<T>> ordered(List<T> items, java.util.function.Function<T, String> key) {
    Map<String, List<T>> out = new LinkedHashMap<>();
    for (T item : items) {
      out.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
    }
    return out;
  }

  static String heat(double v) {
    double t = Math.max(0, Math.min(1, v));
    int g = (int) Math.round(255 - t * 200);
    return fmt("#ff%02x%02x", g, g);
  }

  private StringBuilder open(String title, int w, int h) {
    StringBuilder s = new StringBuilder();
    s.append(fmt("<svg role='img' width='%d' height='%d' viewBox='0 0 %d %d'>", w, h, w, h));
    s.append("<title>").append(Html.escape(title)).append("</title>");
    if (simulated) {
      textClass(s, w - 4, 13, "end", "sim-marker", MARKER);
    }
    return s;
  }

  private static void axis(StringBuilder s, double from, double to, int y) {
    for (int t = 0; t <= 4; t++) {
      int x = LABEL_W + t * PLOT_W / 4;
      s.append(fmt("<line x1='%d' y1='24' x2='%d' y2='%d' stroke='#eee'/>", x, x, y));
      text(s, x, y + 14, "middle", (t * 25) + "%");
    }
  }

  private static void text(StringBuilder s, int x, int y, String anchor, String text) {
    s.append(fmt("<text x='%d' y='%d' text-anchor='%s'>", x, y, anchor)).append(Html.escape(text)).append("</text>");
  }

  private static void textClass(StringBuilder s, int x, int y, String anchor, String cls, String text) {
    s.append(fmt("<text class='%s' x='%d' y='%d' text-anchor='%s'>", cls, x, y, anchor)).append(Html.escape(text))
        .append("</text>");
  }

  private static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
