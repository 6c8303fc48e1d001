package dev.mmsafety.udf.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Balances ingest work over partitions: each draft costs a fixed per-row amount plus its image bytes; drafts are
 * taken largest first and each goes to the currently lightest partition (greedy LPT, within 4/3 of optimal). A
 * few huge images therefore do not pile up in one task, and many small rows spread evenly.
 */
public final class PartitionPlanner {
  /** Work of one row without image bytes, in byte-equivalents (parsing, row building, hashing overhead). */
  public static final long ROW_COST = 16 * 1024;

  private PartitionPlanner() {}

  /** Partition index for each draft, same order as {@code drafts}. */
  public static int[] assign(List<CaseDraft> drafts, int partitions) {
    if (partitions <= 0) {
      throw new IllegalArgumentException("Invalid partitions: " + partitions);
    }
    Integer[] order = new Integer[drafts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingLong((Integer i) -> cost(drafts.get(i))).reversed());
    PriorityQueue<long[]> load = new PriorityQueue<>(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
    for (int p = 0; p < partitions; p++) {
      load.add(new long[] {0, p});
    }
    int[] assigned = new int[drafts.size()];
    for (Integer i : order) {
      long[] lightest = load.poll();
      assigned[i] = (int) lightest[1];
      lightest[0] += cost(drafts.get(i));
      load.add(lightest);
    }
    return assigned;
  }

  /** Total cost per partition for an assignment (for logs and tests). */
  public static List<Long> loads(List<CaseDraft> drafts, int[] assigned, int partitions) {
    List<Long> loads = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      loads.add(0L);
    }
    for (int i = 0; i < assigned.length; i++) {
      loads.set(assigned[i], loads.get(assigned[i]) + cost(drafts.get(i)));
    }
    return loads;
  }

  static long cost(CaseDraft d) {
    return ROW_COST + Math.max(0, d.estimatedBytes());
  }
}
