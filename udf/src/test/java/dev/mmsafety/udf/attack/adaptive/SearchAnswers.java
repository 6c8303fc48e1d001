package dev.mmsafety.udf.attack.adaptive;

import dev.mmsafety.udf.model.ModelResponse;
import java.util.function.Function;

/** Deterministic in-process answers for driving an {@link AdaptiveSearch} without a server. */
final class SearchAnswers {
  private SearchAnswers() {}

  static ModelResponse ok(SearchCall call, String text) {
    return ok(call, text, 0);
  }

  static ModelResponse ok(SearchCall call, String text, int tokens) {
    return new ModelResponse("rid-" + call.id(), ModelResponse.Status.OK, text, "stop", tokens, 0, 1L, 200, 1, "e",
        null, false);
  }

  static ModelResponse failed(SearchCall call, String status) {
    return new ModelResponse("rid-" + call.id(), status, null, null, null, null, 1L, 500, 1, "e", "boom", false);
  }

  static String attacker(String prompt) {
    return "{\"improvement\": \"try another angle\", \"prompt\": \"" + prompt + "\"}";
  }

  /** Runs the search to the end, answering each call with {@code answers}; calls of a phase are answered in reverse. */
  static SearchOutcome run(AdaptiveSearch search, Function<SearchCall, ModelResponse> answers) {
    for (var batch = search.next(); !batch.isEmpty(); batch = search.next()) {
      for (int i = batch.size() - 1; i >= 0; i--) {
        search.answer(batch.get(i).id(), answers.apply(batch.get(i)));
      }
    }
    return search.outcome();
  }
}
