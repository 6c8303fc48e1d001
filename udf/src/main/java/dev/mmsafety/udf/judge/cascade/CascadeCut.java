package dev.mmsafety.udf.judge.cascade;

import java.util.Arrays;

/**
 * Where a cascade cuts: the lowest classifier confidence it keeps. Given as a threshold, or derived from the run's
 * confidences by a target: {@code max-llm-share} (at most that share of the responses goes to the second judge) or
 * {@code target-agreement} (the agreement with the second judge run on everything, estimated from the classifier's
 * calibrated confidences, stays at least that high). The estimate assumes the second judge is right where it
 * decides and the classifier's probabilities are calibrated: a kept verdict of confidence c disagrees with
 * probability 1 - c.
 *
 * @param threshold a fixed cut, or null
 * @param maxLlmShare a share in [0, 1], or null
 * @param targetAgreement an agreement in [0.5, 1], or null
 */
public record CascadeCut(Double threshold, Double maxLlmShare, Double targetAgreement) {
  public static final double THRESHOLD_DEFAULT = 0.9;

  public CascadeCut {
    int given = (threshold != null ? 1 : 0) + (maxLlmShare != null ? 1 : 0) + (targetAgreement != null ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException("Invalid cascade cut: give one of threshold, max-llm-share, target-agreement");
    }
  }

  public static CascadeCut fixed(double threshold) {
    return new CascadeCut(threshold, null, null);
  }

  /** True when the cut depends on the run's confidences. */
  public boolean targeted() {
    return maxLlmShare != null || targetAgreement != null;
  }

  /** The threshold for responses whose classifier confidences are {@code confidences} (all of the run). */
  public double resolve(double[] confidences) {
    if (threshold != null) {
      return threshold;
    }
    if (!targeted()) {
      return THRESHOLD_DEFAULT;
    }
    double[] sorted = confidences.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      return THRESHOLD_DEFAULT;
    }
    if (maxLlmShare != null) {
      // Responses strictly below the cut go to the second judge: at most floor(share * n) of them.
      int sent = (int) Math.floor(maxLlmShare * n + 1e-9);
      return sent >= n ? Math.nextUp(sorted[n - 1]) : sorted[sent];
    }
    // Keep the most confident first while the expected disagreements stay within the budget.
    double budget = (1 - targetAgreement) * n;
    double expected = 0;
    int kept = 0;
    for (int i = n - 1; i >= 0; i--) {
      if (expected + (1 - sorted[i]) > budget + 1e-12) {
        break;
      }
      expected += 1 - sorted[i];
      kept++;
    }
    return kept == 0 ? Math.nextUp(sorted[n - 1]) : sorted[n - kept];
  }

  /** Expected agreement lost by keeping the verdicts of confidence >= {@code cut}: sum of (1 - c) over them / n. */
  public static double expectedLoss(double[] confidences, double cut) {
    double loss = 0;
    for (double c : confidences) {
      loss += c >= cut ? 1 - c : 0;
    }
    return confidences.length == 0 ? 0 : loss / confidences.length;
  }
}
