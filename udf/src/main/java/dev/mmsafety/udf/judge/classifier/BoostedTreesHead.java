package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient-boosted regression trees on the log-loss (Friedman's gradient boosting with Newton leaf values, as in
 * XGBoost and scikit-learn's HistGradientBoosting): {@link #ROUNDS} trees of depth at most {@link #DEPTH}, each
 * leaf at least {@link #MIN_LEAF} rows, shrinkage {@link #RATE}, splits searched over at most {@link #MAX_BINS}
 * thresholds per feature. No sampling, so the same rows give the same trees. Trees let features act together
 * (an on-topic answer with no instruction in it is an evasion when the question is harmful, an answer when it is
 * benign), which one weight per feature cannot.
 *
 * <p>Written here rather than taken from a library: the head must be one JSON object read on every executor with no
 * native code and no Spark session (XGBoost's JVM package needs its native library and Scala 2.12; Spark MLlib's
 * trees need a session to train and save as Parquet directories; Smile is GPL), and it is about 150 lines.
 *
 * <p>The trees are stored flat: node {@code i} splits on {@code feature[i]} at {@code threshold[i]} ({@code x <=
 * threshold} goes to {@code left[i]}, else {@code right[i]}), or is a leaf when {@code feature[i] < 0}; {@code
 * value[i]} is the node's (shrunk) Newton value, kept for inner nodes too so a verdict's logit can be split among
 * the features on its path (Saabas' attribution). {@code roots[t]} is tree t's first node.
 */
public record BoostedTreesHead(double base, int[] roots, int[] feature, double[] threshold, int[] left, int[] right,
    double[] value, int dimension, double plattA, double plattB, double l2) implements Head {
  public static final int ROUNDS = 200;
  public static final int DEPTH = 3;
  public static final int MIN_LEAF = 20;
  public static final double RATE = 0.1;
  public static final int MAX_BINS = 255;
  private static final double MIN_HESSIAN = 1e-3;

  @Override
  public double logit(double[] x) {
    double s = base;
    for (int root : roots) {
      s += value[leaf(root, x)];
    }
    return s;
  }

  private int leaf(int node, double[] x) {
    while (feature[node] >= 0) {
      node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
    }
    return node;
  }

  @Override
  public double[] contributions(double[] x) {
    double[] c = new double[dimension];
    for (int node : roots) {
      while (feature[node] >= 0) {
        int child = x[feature[node]] <= threshold[node] ? left[node] : right[node];
        c[feature[node]] += value[child] - value[node];
        node = child;
      }
    }
    return c;
  }

  @Override
  public BoostedTreesHead withPlatt(double a, double b) {
    return new BoostedTreesHead(base, roots, feature, threshold, left, right, value, dimension, a, b, l2);
  }

  /** Fits the trees on {@code xs} with targets {@code ys}, uncalibrated (plattA 1, plattB 0). */
  public static BoostedTreesHead train(List<double[]> xs, List<Boolean> ys, double l2) {
    return new Builder(xs, ys, l2).build();
  }

  /** The fitting state: features binned once, nodes appended as trees grow. */
  private static final class Builder {
    final int n;
    final int d;
    final double[][] edges; // per feature, the candidate thresholds in ascending order
    final int[][] bins; // [feature][row]: how many edges lie below the row's value
    final double[] y;
    final double[] score;
    final double[] g;
    final double[] h;
    final double l2;
    final List<int[]> splits = new ArrayList<>(); // {feature, left, right}
    final List<double[]> nodes = new ArrayList<>(); // {threshold, value}

    Builder(List<double[]> xs, List<Boolean> ys, double l2) {
      n = xs.size();
      d = xs.get(0).length;
      this.l2 = l2;
      edges = new double[d][];
      bins = new int[d][n];
      for (int f = 0; f < d; f++) {
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
          column[i] = xs.get(i)[f];
        }
        edges[f] = edges(column);
        for (int i = 0; i < n; i++) {
          int at = Arrays.binarySearch(edges[f], column[i]);
          bins[f][i] = at >= 0 ? at : -at - 1; // value <= edges[bin]; bin == edges.length: above every edge
        }
      }
      y = new double[n];
      long positives = 0;
      for (int i = 0; i < n; i++) {
        y[i] = ys.get(i) ? 1 : 0;
        positives += ys.get(i) ? 1 : 0;
      }
      double base = Math.log(Math.max(positives, 1) / (double) Math.max(n - positives, 1));
      score = new double[n];
      Arrays.fill(score, base);
      g = new double[n];
      h = new double[n];
    }

    /**
     * Midpoints between distinct values; with more than MAX_BINS + 1 of them, the midpoints above the values at
     * MAX_BINS quantiles. No threshold equals a value, so rounding the stored thresholds moves no row across one.
     */
    static double[] edges(double[] column) {
      double[] sorted = column.clone();
      Arrays.sort(sorted);
      double[] distinct = Arrays.stream(sorted).distinct().toArray();
      java.util.stream.IntStream lower = distinct.length <= MAX_BINS + 1
          ? java.util.stream.IntStream.range(0, distinct.length - 1)
          : java.util.stream.IntStream.rangeClosed(1, MAX_BINS)
              .map(k -> Arrays.binarySearch(distinct, sorted[(int) ((long) k * (sorted.length - 1) / (MAX_BINS + 1))]))
              .filter(j -> j < distinct.length - 1);
      return lower.distinct().mapToDouble(j -> (distinct[j] + distinct[j + 1]) / 2).toArray();
    }

    BoostedTreesHead build() {
      double base = score[0];
      int[] roots = new int[ROUNDS];
      int[] all = java.util.stream.IntStream.range(0, n).toArray();
      for (int t = 0; t < ROUNDS; t++) {
        for (int i = 0; i < n; i++) {
          double p = LogisticHead.sigmoid(score[i]);
          g[i] = p - y[i];
          h[i] = Math.max(p * (1 - p), 1e-16);
        }
        roots[t] = grow(all, 0);
      }
      int m = nodes.size();
      int[] feature = new int[m];
      int[] left = new int[m];
      int[] right = new int[m];
      double[] threshold = new double[m];
      double[] value = new double[m];
      for (int i = 0; i < m; i++) {
        feature[i] = splits.get(i)[0];
        left[i] = splits.get(i)[1];
        right[i] = splits.get(i)[2];
        threshold[i] = nodes.get(i)[0];
        value[i] = nodes.get(i)[1];
      }
      return new BoostedTreesHead(base, roots, feature, threshold, left, right, value, d, 1, 0, l2);
    }

    /** Grows the node over {@code rows} and its subtree; returns its index. Leaves add their value to the scores. */
    int grow(int[] rows, int depth) {
      double gs = 0;
      double hs = 0;
      for (int i : rows) {
        gs += g[i];
        hs += h[i];
      }
      double v = -gs / (hs + l2) * RATE;
      int self = nodes.size();
      splits.add(new int[] {-1, -1, -1});
      nodes.add(new double[] {0, v});
      int[] best = depth < DEPTH && rows.length >= 2 * MIN_LEAF ? bestSplit(rows, gs, hs) : null;
      if (best == null) {
        for (int i : rows) {
          score[i] += v;
        }
        return self;
      }
      int f = best[0];
      int b = best[1];
      int[] l = Arrays.stream(rows).filter(i -> bins[f][i] <= b).toArray();
      int[] r = Arrays.stream(rows).filter(i -> bins[f][i] > b).toArray();
      nodes.get(self)[0] = edges[f][b];
      int leftNode = grow(l, depth + 1);
      int rightNode = grow(r, depth + 1);
      splits.set(self, new int[] {f, leftNode, rightNode});
      return self;
    }

    /** {feature, bin} of the split with the largest gain (the first one found on a tie), or null. */
    int[] bestSplit(int[] rows, double gs, double hs) {
      double parent = gs * gs / (hs + l2);
      double bestGain = 1e-12;
      int[] best = null;
      for (int f = 0; f < d; f++) {
        int k = edges[f].length;
        if (k == 0) {
          continue;
        }
        double[] hg = new double[k + 1];
        double[] hh = new double[k + 1];
        int[] hc = new int[k + 1];
        int[] column = bins[f];
        for (int i : rows) {
          hg[column[i]] += g[i];
          hh[column[i]] += h[i];
          hc[column[i]]++;
        }
        double gl = 0;
        double hl = 0;
        int cl = 0;
        for (int b = 0; b < k; b++) {
          gl += hg[b];
          hl += hh[b];
          cl += hc[b];
          int cr = rows.length - cl;
          double hr = hs - hl;
          if (cl < MIN_LEAF || cr < MIN_LEAF || hl < MIN_HESSIAN || hr < MIN_HESSIAN) {
            continue;
          }
          double gr = gs - gl;
          double gain = gl * gl / (hl + l2) + gr * gr / (hr + l2) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            best = new int[] {f, b};
          }
        }
      }
      return best;
    }
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = HeadJson.open(Learner.TREES, l2);
    node.put("rounds", ROUNDS);
    node.put("depth", DEPTH);
    node.put("min_leaf", MIN_LEAF);
    node.put("rate", RATE);
    node.put("dimension", dimension);
    node.put("base", HeadJson.round(base));
    HeadJson.putPlatt(node, plattA, plattB);
    HeadJson.putInts(node.putArray("roots"), roots);
    HeadJson.putInts(node.putArray("feature"), feature);
    HeadJson.putDoubles(node.putArray("threshold"), threshold);
    HeadJson.putInts(node.putArray("left"), left);
    HeadJson.putInts(node.putArray("right"), right);
    HeadJson.putDoubles(node.putArray("value"), value);
    return node;
  }

  static BoostedTreesHead fromJson(JsonNode node) {
    return new BoostedTreesHead(node.get("base").asDouble(), HeadJson.ints(node.get("roots")),
        HeadJson.ints(node.get("feature")), HeadJson.doubles(node.get("threshold")), HeadJson.ints(node.get("left")),
        HeadJson.ints(node.get("right")), HeadJson.doubles(node.get("value")), node.get("dimension").asInt(),
        node.get("platt_a").asDouble(),
        node.get("platt_b").asDouble(), node.get("l2").asDouble());
  }
}
