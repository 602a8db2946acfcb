package com.smeloanflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two panels drawn as plain SVG (no script, no web font): completed per second against offered
 * rate, with the diagonal a system that keeps up follows, and p95 end-to-end latency against
 * offered rate. Filled points: the step was sustained; hollow: it was not.
 */
final class SvgChart {

  /** One point of a series: the offered rate, what was completed per second, the p95 in ms. */
  record Point(double offered, double completed, double p95Millis, boolean sustained) {}

  record Series(String name, String colour, List<Point> points) {}

  private static final int PANEL_WIDTH = 420;
  private static final int PANEL_HEIGHT = 300;
  private static final int LEFT = 60;
  private static final int TOP = 40;
  private static final int GAP = 90;

  private SvgChart() {}

  static Series series(String name, String colour, List<OpenModel.Step> steps, String endMilestone) {
    List<Point> points = new ArrayList<>();
    for (OpenModel.Step step : steps) {
      points.add(new Point(step.offeredPerSecond(), step.completedPerSecond(), step.latency(endMilestone).p95(), step.sustained()));
    }
    points.sort(java.util.Comparator.comparingDouble(Point::offered));
    return new Series(name, colour, points);
  }

  static String render(String title, List<Series> series) {
    double maxRate = 1;
    double maxMillis = 100;
    for (Series s : series) {
      for (Point p : s.points()) {
        maxRate = Math.max(maxRate, Math.max(p.offered(), p.completed()));
        if (!Double.isNaN(p.p95Millis())) {
          maxMillis = Math.max(maxMillis, p.p95Millis());
        }
      }
    }
    maxRate = nice(maxRate * 1.05);
    maxMillis = nice(maxMillis * 1.05);
    int width = LEFT + PANEL_WIDTH + GAP + PANEL_WIDTH + 20;
    int height = TOP + PANEL_HEIGHT + 90;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", LEFT,
        escape(title)));
    int x1 = LEFT;
    int x2 = LEFT + PANEL_WIDTH + GAP;
    panel(svg, x1, "completed per second", maxRate, maxRate, "%.0f");
    panel(svg, x2, "p95 submit → end (ms)", maxRate, maxMillis, "%.0f");
    // The diagonal: completed = offered.
    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\" "
        + "stroke-dasharray=\"4 4\"/>%n", px(x1, 0, maxRate), py(0, maxRate), px(x1, maxRate, maxRate), py(maxRate, maxRate)));
    for (Series s : series) {
      plot(svg, s, x1, maxRate, maxRate, Point::completed);
      plot(svg, s, x2, maxRate, maxMillis, Point::p95Millis);
    }
    int legendY = TOP + PANEL_HEIGHT + 60;
    int legendX = LEFT;
    for (Series s : series) {
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/>%n", legendX, legendY - 4, s.colour()));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX + 10, legendY, escape(s.name())));
      legendX += 24 + 7 * s.name().length();
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">filled: sustained, hollow: not sustained; "
        + "x axis: offered rate (per second)</text>%n", legendX + 10, legendY));
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void panel(StringBuilder svg, int x, String label, double maxX, double maxY, String format) {
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
        x, TOP, PANEL_WIDTH, PANEL_HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x, TOP - 8, escape(label)));
    for (int i = 0; i <= 5; i++) {
      double vx = maxX * i / 5;
      double vy = maxY * i / 5;
      double gx = x + PANEL_WIDTH * i / 5.0;
      double gy = TOP + PANEL_HEIGHT - PANEL_HEIGHT * i / 5.0;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n", gx, TOP, gx,
          TOP + PANEL_HEIGHT));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n", x, gy,
          x + PANEL_WIDTH, gy));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", gx,
          TOP + PANEL_HEIGHT + 16, String.format(Locale.ROOT, "%.0f", vx)));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x - 6, gy + 4,
          String.format(Locale.ROOT, format, vy)));
    }
  }

  private static void plot(StringBuilder svg, Series s, int x, double maxX, double maxY,
      java.util.function.ToDoubleFunction<Point> value) {
    StringBuilder path = new StringBuilder();
    for (Point p : s.points()) {
      double v = value.applyAsDouble(p);
      if (Double.isNaN(v)) {
        continue;
      }
      v = Math.min(v, maxY);
      path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px(x, p.offered(), maxX),
          py(v, maxY)));
    }
    svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", path, s.colour()));
    for (Point p : s.points()) {
      double v = value.applyAsDouble(p);
      if (Double.isNaN(v)) {
        continue;
      }
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\"/>%n",
          px(x, p.offered(), maxX), py(Math.min(v, maxY), maxY), p.sustained() ? s.colour() : "white", s.colour()));
    }
  }

  private static double px(int x, double value, double max) {
    return x + PANEL_WIDTH * value / max;
  }

  private static double py(double value, double max) {
    return TOP + PANEL_HEIGHT - PANEL_HEIGHT * value / max;
  }

  /** 1, 2, 2.5 or 5 times a power of ten, at least the value. */
  static double nice(double value) {
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
