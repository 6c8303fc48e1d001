package dev.mmsafety.udf.report;

/**
 * Turns a probe's image URI into a link relative to report.html when the image lies under the output root (the
 * report sits at the root), so the page and its images can be copied together and open offline.
 */
public final class ImageLinks {
  private ImageLinks() {}

  /**
   * @param root the output root, qualified the same way as {@code uri} (e.g. file:/data/out)
   * @param uri the image's qualified URI
   */
  public static ReportData.Image link(String root, String uri) {
    String prefix = root.endsWith("/") ? root : root + "/";
    if (uri != null && uri.startsWith(prefix)) {
      String rest = uri.substring(prefix.length());
      boolean plain = !rest.isEmpty() && !rest.startsWith("/") && !rest.contains("..") && !rest.contains(":");
      if (plain) {
        return new ReportData.Image(rest, true);
      }
    }
    return new ReportData.Image(uri == null ? "" : uri, false);
  }
}
