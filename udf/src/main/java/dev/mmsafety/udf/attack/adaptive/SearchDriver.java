package dev.mmsafety.udf.attack.adaptive;

import dev.mmsafety.udf.attack.adaptive.SearchCall.Role;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.judge.Verdict;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs searches against models: each phase's calls go out together through the role's {@link ModelCaller} (the one
 * model client, with its cache and per-endpoint budgets), the answers go back into the search, and the next phase
 * follows when the last answer is in. Asynchronous, so a partition runs many searches at once through one bounded
 * window ({@code BoundedConcurrency.mapOrdered} over cases). A caller that throws becomes a failed answer
 * ({@code io_error}), never a broken search.
 */
public final class SearchDriver {
  /** The model of one role: its config name, its caller and generation settings (null: the model's own). */
  public record Model(String name, ModelCaller caller, GenerationSpec generation) {}

  /** Scores RATE calls in place of the evaluator (a configured judge, {@link JudgeScorer}). */
  @FunctionalInterface
  public interface Scorer {
    CompletableFuture<Score> score(SearchSubject subject);
  }

  private final Map<Role, Model> models;
  private final Scorer scorer;

  public SearchDriver(Model attacker, Model evaluator, Model target) {
    this(attacker, evaluator, target, null);
  }

  /** A driver whose RATE calls go to {@code scorer} (null: to the evaluator); the evaluator may then be null. */
  public SearchDriver(Model attacker, Model evaluator, Model target, Scorer scorer) {
    this.scorer = scorer;
    models = new EnumMap<>(Role.class);
    models.put(Role.ATTACKER, attacker);
    models.put(Role.EVALUATOR, evaluator);
    models.put(Role.TARGET, target);
  }

  /** Completes with the search's outcome once it is done. */
  public CompletableFuture<SearchOutcome> run(AdaptiveSearch search) {
    CompletableFuture<SearchOutcome> done = new CompletableFuture<>();
    step(search, done);
    return done;
  }

  private void step(AdaptiveSearch search, CompletableFuture<SearchOutcome> done) {
    List<SearchCall> batch;
    synchronized (search) {
      batch = search.next();
      if (batch.isEmpty()) {
        done.complete(search.outcome());
        return;
      }
    }
    CompletableFuture<?>[] answers = new CompletableFuture<?>[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      SearchCall call = batch.get(i);
      CompletableFuture<Runnable> handBack = scorer != null && call.purpose() == SearchCall.Purpose.RATE
          ? score(call).thenApply(s -> () -> search.score(call.id(), s))
          : send(call).thenApply(r -> () -> search.answer(call.id(), r));
      answers[i] = handBack.thenAccept(h -> {
        synchronized (search) {
          h.run();
        }
      });
    }
    CompletableFuture.allOf(answers).whenComplete((ok, error) -> {
      if (error != null) {
        done.completeExceptionally(error);
      } else {
        step(search, done);
      }
    });
  }

  /** The scorer's score; a scorer that throws leaves the node unrated with the reason, never a broken search. */
  private CompletableFuture<Score> score(SearchCall call) {
    try {
      return scorer.score(call.subject()).exceptionally(e -> scorerFailed(e));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(scorerFailed(e));
    }
  }

  private static Score scorerFailed(Throwable e) {
    return new Score(null, Verdict.Status.ERROR, "scorer failed: " + e);
  }

  private CompletableFuture<ModelResponse> send(SearchCall call) {
    Model m = models.get(call.purpose().role());
    GenerationSpec g = m.generation();
    if (call.seed() != null) {
      GenerationSpec base = g == null ? GenerationSpec.DEFAULT : g;
      g = new GenerationSpec(base.temperature(), base.topP(), base.maxTokens(), call.seed(), base.stop());
    }
    try {
      return m.caller().call(new ModelRequest(m.name(), call.messages(), g))
          .exceptionally(e -> failed(e.toString()));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failed(e.toString()));
    }
  }

  private static ModelResponse failed(String error) {
    return new ModelResponse(null, ModelResponse.Status.IO_ERROR, null, null, null, null, null, null, 0, null, error,
        false);
  }
}
