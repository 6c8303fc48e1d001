package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Small helpers the defenses share: reading a request's user text and images, making refusals and traces. */
final class Requests {
  /** The project's own refusal wording for blocked or replaced answers. */
  static final String REFUSAL_DEFAULT =
      "I can't help with that request because it could lead to harm. If you have a different question, I'm happy to"
          + " help with it.";

  private Requests() {}

  /** Text parts of the user messages, joined with newlines. */
  static String userText(ModelRequest request) {
    List<String> texts = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      if (m.role().equals("user")) {
        m.parts().stream().filter(p -> !p.isImage()).map(ContentPart::text).forEach(texts::add);
      }
    }
    return String.join("\n", texts);
  }

  /** Image parts of the user messages, in order. */
  static List<ContentPart> images(ModelRequest request) {
    List<ContentPart> images = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      if (m.role().equals("user")) {
        m.parts().stream().filter(ContentPart::isImage).forEach(images::add);
      }
    }
    return images;
  }

  /** A response that carries {@code text} instead of the model's answer, with the given status. */
  static ModelResponse replaced(ModelResponse like, String status, String text) {
    return new ModelResponse(
        like.requestId(), status, text, like.finishReason(), like.promptTokens(), like.completionTokens(),
        like.latencyMs(), like.httpStatus(), like.attempts(), like.endpoint(), null, like.cacheHit());
  }

  /** A failure response made by the defense itself (no model was called). */
  static ModelResponse failure(String status, String error) {
    return new ModelResponse(null, status, null, null, null, null, null, null, 0, null, error, false);
  }

  static ModelCaller helper(DefenseTools tools, String name) {
    ModelCaller caller = tools.helperByName().apply(name);
    if (caller == null) {
      throw new IllegalArgumentException("Cannot call helper " + name + ": not declared under helpers:");
    }
    return caller;
  }

  /** Calls helper {@code name}; an undeclared helper becomes a client_error response rather than an exception. */
  static CompletableFuture<ModelResponse> call(DefenseTools tools, String name, ModelRequest request) {
    try {
      return helper(tools, name).call(request);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(failure(ModelResponse.Status.CLIENT_ERROR, e.getMessage()));
    }
  }

  /**
   * Output defenses: calls the target and hands an ok answer to {@code check}; an answer that is not ok is the
   * response as it is, with no trace (there is nothing to check).
   */
  static CompletableFuture<DefendedResponse> checkAnswer(
      ModelRequest request, DefenseTools tools, Function<ModelResponse, CompletableFuture<DefendedResponse>> check) {
    return tools.target().call(request).thenCompose(answer -> answer.ok() ? check.apply(answer)
        : CompletableFuture.completedFuture(new DefendedResponse(answer, null)));
  }

  static String trace(Map<String, Object> fields) {
    return CanonicalJson.write(fields);
  }
}
