package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.answers.LlamaGuard;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A guard model (Llama Guard 3 Vision prompt format, named by {@code guard}) classifies the request first. Unsafe
 * requests are not sent to the model: the response is the refusal text with status {@code blocked} and the guard's
 * categories in the trace. A guard call that fails, or answers neither safe nor unsafe, is returned as that
 * failure (status of the guard call, or bad_response) rather than silently letting the request through.
 */
public record InputGuardDefense(String guard, String refusal) implements Defense.Behaviour {
  static final ComponentType<Defense.Factory> TYPE = Defense.type(
      "input-guard", "1", "A guard model checks the request; unsafe requests are blocked and never sent.",
      p -> new InputGuardDefense(p.required("guard"), p.string("refusal")),
      Param.helper("guard", true, "the guard: a helper's name (helpers:, role guard)"),
      Param.string("refusal", Requests.REFUSAL_DEFAULT, "the text of a blocked response"));

  @Override
  public List<String> models() {
    return List.of(guard);
  }

  @Override
  public CompletableFuture<DefendedResponse> respond(ModelRequest request, DefenseTools tools) {
    ModelRequest check =
        GuardRequest.of(guard, Requests.userText(request), Requests.images(request), null);
    return Requests.call(tools, guard, check)
        .thenCompose(
            g -> {
              Map<String, Object> trace = new LinkedHashMap<>();
              trace.put("guard", guard);
              if (!g.ok()) {
                trace.put("guard_status", g.status());
                return done(Requests.replaced(g, g.status(), null), trace, "Cannot check input with guard " + guard + ": " + g.error());
              }
              LlamaGuard.Answer v = LlamaGuard.parse(g.text());
              if (!v.parsed()) {
                trace.put("guard_output", g.text());
                return done(
                    Requests.replaced(g, ModelResponse.Status.BAD_RESPONSE, null), trace,
                    "Cannot read guard " + guard + " verdict: expected 'safe' or 'unsafe'");
              }
              GuardRequest.trace(v, trace);
              if (v.unsafe()) {
                return CompletableFuture.completedFuture(
                    new DefendedResponse(Requests.replaced(g, ModelResponse.Status.BLOCKED, refusal), Requests.trace(trace)));
              }
              return tools.target().call(request).thenApply(r -> new DefendedResponse(r, Requests.trace(trace)));
            });
  }

  private static CompletableFuture<DefendedResponse> done(ModelResponse r, Map<String, Object> trace, String error) {
    ModelResponse withError =
        new ModelResponse(
            r.requestId(), r.status(), null, null, null, null, r.latencyMs(), r.httpStatus(), r.attempts(), r.endpoint(),
            error, r.cacheHit());
    return CompletableFuture.completedFuture(new DefendedResponse(withError, Requests.trace(trace)));
  }
}
