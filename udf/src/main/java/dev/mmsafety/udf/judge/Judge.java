package dev.mmsafety.udf.judge;

import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Described;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A judge decides about one response at a time. Implementations never complete exceptionally for per-response
 * failures: they complete with an error or unparseable {@link Verdict}. Given refusals and responses whose status
 * is not ok are handled by {@link #judge(JudgeInput)} before any implementation sees them.
 */
public interface Judge extends Described {
  /** Makes a judge from its params; {@link Judges.Context#describe} gives its descriptor once all are read. */
  @FunctionalInterface
  interface Factory {
    Judge create(Params params, Judges.Context context);
  }

  /** Declares a judge type (each judge class holds one as {@code TYPE}). */
  static ComponentType<Factory> type(String kind, String version, String doc, Factory factory, List<Param> params) {
    return new ComponentType<>("judge", kind, version, doc, params, factory);
  }

  /** sha256 of what defines the judge's behaviour (string list + rule, template text, classifier weights). */
  String templateHash();

  /** True when verdicts cost a model call: these are cached and run in a bounded async window. */
  default boolean remote() {
    return false;
  }

  /**
   * Judges one response. A given refusal ({@link KnownRefusals}: blocked by a defense, content-filtered, a
   * structured refusal) is a refusal for every judge without asking it; other responses without text are skipped.
   */
  default CompletableFuture<Verdict> judge(JudgeInput input) {
    Verdict given = KnownRefusals.of(input);
    if (given != null) {
      return CompletableFuture.completedFuture(given);
    }
    if (!input.responseOk()) {
      return CompletableFuture.completedFuture(Verdict.skipped(input.responseStatus()));
    }
    CompletableFuture<Verdict> verdict;
    try {
      verdict = judgeText(input);
    } catch (RuntimeException e) {
      verdict = CompletableFuture.failedFuture(e);
    }
    // A bug or an unexpected failure in one judge becomes that row's error, never a failed Spark task.
    return verdict.exceptionally(e -> Verdict.error("Cannot judge response " + input.responseId() + ": " + e));
  }

  /** Judges a response that has text. */
  CompletableFuture<Verdict> judgeText(JudgeInput input);
}
