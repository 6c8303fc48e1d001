package dev.mmsafety.jobs;

import java.util.List;
import java.util.Map;

/** What every job returns: counts of what it wrote (by name) and lines for the run summary. */
public interface StageResult {
  Map<String, Long> counts();

  List<String> summaryLines();
}
