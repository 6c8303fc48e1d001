package dev.mmsafety.udf.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.model.ModelResponse.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small OpenAI chat-completions client for judge models: one endpoint, retries on 429, 5xx and I/O errors with
 * capped exponential backoff, per-attempt timeout. Per-request failures complete normally with a non-ok status. The
 * API key is read from the environment variable the spec names and never appears in errors.
 */
final class HttpJudgeCaller implements ModelCaller {
  private final ModelSpec spec;
  private final InferenceSpec inference;
  private final EndpointSpec endpoint;
  private final HttpClient client;
  private final String apiKey;

  HttpJudgeCaller(ModelSpec spec, InferenceSpec inference) {
    this.spec = spec;
    this.inference = inference;
    this.endpoint = spec.endpoints().get(0);
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.apiKey = spec.apiKeyEnv() == null ? null : System.getenv(spec.apiKeyEnv());
  }

  @Override
  public CompletableFuture<ModelResponse> call(ModelRequest request) {
    HttpRequest.Builder http =
        HttpRequest.newBuilder(URI.create(stripSlash(endpoint.url()) + "/chat/completions"))
            .timeout(Duration.ofMillis(inference.timeoutMs()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(request)));
    if (apiKey != null && !apiKey.isBlank()) {
      http.header("Authorization", "Bearer " + apiKey);
    }
    return attempt(http.build(), 1);
  }

  private CompletableFuture<ModelResponse> attempt(HttpRequest request, int attempt) {
    long start = System.nanoTime();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle((response, failure) -> toResponse(response, failure, attempt, (System.nanoTime() - start) / 1_000_000))
        .thenCompose(
            r -> retryable(r) && attempt < inference.maxAttempts()
                ? CompletableFuture.supplyAsync(
                        () -> request,
                        CompletableFuture.delayedExecutor(backoff(attempt), TimeUnit.MILLISECONDS))
                    .thenCompose(same -> attempt(same, attempt + 1))
                : CompletableFuture.completedFuture(r));
  }

  private long backoff(int attempt) {
    return Math.min(inference.maxBackoffMs(), inference.backoffMs() << Math.min(attempt - 1, 20));
  }

  private static boolean retryable(ModelResponse r) {
    return Status.SERVER_ERROR.equals(r.status()) || Status.TIMEOUT.equals(r.status())
        || Status.IO_ERROR.equals(r.status()) || Integer.valueOf(429).equals(r.httpStatus());
  }

  private ModelResponse toResponse(HttpResponse<String> response, Throwable failure, int attempt, long latency) {
    if (failure != null) {
      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
      String status = cause instanceof HttpTimeoutException ? Status.TIMEOUT : Status.IO_ERROR;
      return failed(status, null, attempt, latency, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
    int code = response.statusCode();
    if (code >= 500) {
      return failed(Status.SERVER_ERROR, code, attempt, latency, "server error " + code);
    }
    if (code >= 400) {
      return failed(Status.CLIENT_ERROR, code, attempt, latency, "client error " + code + ": " + clip(response.body()));
    }
    try {
      JsonNode root = CanonicalJson.mapper().readTree(response.body());
      JsonNode choice = root.path("choices").path(0);
      JsonNode content = choice.path("message").path("content");
      if (!content.isTextual()) {
        return failed(Status.BAD_RESPONSE, code, attempt, latency, "no choices[0].message.content in answer");
      }
      return new ModelResponse(
          null, Status.OK, content.asText(), choice.path("finish_reason").asText(null), null, null, latency, code,
          attempt, endpoint.name(), null, false);
    } catch (IOException e) {
      return failed(Status.BAD_RESPONSE, code, attempt, latency, "answer is not JSON");
    }
  }

  private ModelResponse failed(String status, Integer code, int attempt, long latency, String error) {
    return new ModelResponse(null, status, null, null, null, null, latency, code, attempt, endpoint.name(), error, false);
  }

  private String body(ModelRequest request) {
    ObjectNode body = CanonicalJson.mapper().createObjectNode();
    body.put("model", spec.model());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage message : request.messages()) {
      ObjectNode m = messages.addObject().put("role", message.role());
      ArrayNode parts = m.putArray("content");
      for (ContentPart part : message.parts()) {
        if (part.isImage()) {
          String url = part.bytes() != null
              ? "data:" + part.mimeType() + ";base64," + Base64.getEncoder().encodeToString(part.bytes())
              : part.imageUri();
          parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        } else {
          parts.addObject().put("type", "text").put("text", part.text());
        }
      }
    }
    if (request.generation().temperature() != null) {
      body.put("temperature", request.generation().temperature());
    }
    if (request.generation().maxTokens() != null) {
      body.put("max_tokens", request.generation().maxTokens());
    }
    if (request.generation().seed() != null) {
      body.put("seed", request.generation().seed());
    }
    return body.toString();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String clip(String text) {
    return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
