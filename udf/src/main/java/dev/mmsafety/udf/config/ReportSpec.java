package dev.mmsafety.udf.config;

/**
 * Report and data-at-rest options.
 *
 * @param redactSamples redact harmful text in report samples (default true)
 * @param responseText how responses keep raw text: full, hash (text_sha256 only) or redacted
 * @param baselineRunId run to compare against for regressions; null = the previous run date in the output root
 */
public record ReportSpec(Boolean redactSamples, String responseText, String baselineRunId) {
  public static final String TEXT_FULL = "full";
  public static final String TEXT_HASH = "hash";
  public static final String TEXT_REDACTED = "redacted";
  public static final java.util.List<String> TEXT_POLICIES = java.util.List.of(TEXT_FULL, TEXT_HASH, TEXT_REDACTED);
  public static final ReportSpec DEFAULT = new ReportSpec(null, null, null);

  public ReportSpec {
    redactSamples = redactSamples == null ? Boolean.TRUE : redactSamples;
    responseText = responseText == null ? TEXT_FULL : responseText;
    if (!TEXT_POLICIES.contains(responseText)) {
      throw new IllegalArgumentException(
          "Invalid report.response-text: '" + responseText + "' is not one of " + TEXT_POLICIES);
    }
  }
}
