package dev.mmsafety.udf.metrics;

/** A closed interval [low, high] of a proportion or a difference. */
public record Interval(double low, double high) {
  public Interval {
    if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
      throw new IllegalArgumentException("Invalid interval: [" + low + ", " + high + "]");
    }
  }
}
