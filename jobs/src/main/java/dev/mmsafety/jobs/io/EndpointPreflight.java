package dev.mmsafety.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Before ingest, every endpoint of every model under test and judge model answers {@code GET {url}/models} with
 * the configured served model name listed, so a wrong URL, a server that is down or a model name typo fails in
 * seconds, naming the model, the endpoint and its URL, instead of costing a run's retries. All endpoints are asked
 * at once; one short connect timeout and no retry. An endpoint with {@code check-models: false} is skipped (for
 * servers without that route). Simulator endpoints are checked too, after the launcher resolved them. Messages never carry credentials: URLs are shown without user info or query.
 */
public final class EndpointPreflight {
  public static final Duration CONNECT_TIMEOUT_DEFAULT = Preflight.CONNECT_TIMEOUT_DEFAULT;
  public static final Duration ANSWER_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private EndpointPreflight() {}

  /** A model whose endpoints are checked, and how messages call it. */
  public record Target(String label, ModelSpec spec) {
    public static Target model(ModelSpec spec) {
      return new Target("model " + spec.name(), spec);
    }

    public static Target helper(ModelSpec spec) {
      return new Target("helper " + spec.name(), spec);
    }

    public static Target judge(ModelSpec spec) {
      return new Target("model " + spec.model() + " of judge " + spec.name(), spec);
    }
  }

  /** The models under test and helpers of a (simulator-resolved) config and the judge models the component check found. */
  public static void check(RunConfig resolved, ComponentPreflight.Checked components) {
    List<Target> targets = new ArrayList<>();
    resolved.models().forEach(m -> targets.add(Target.model(m)));
    resolved.helpers().forEach(h -> targets.add(Target.helper(h)));
    targets.addAll(components.judgeModels());
    check(targets, System.getenv(), CONNECT_TIMEOUT_DEFAULT, ANSWER_TIMEOUT_DEFAULT);
  }

  /** Checks every target's endpoints; the first failure in config order is thrown, naming how many others failed. */
  public static void check(List<Target> targets, Map<String, String> env, Duration connect, Duration answer) {
    Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mmsafety-preflight-http");
      t.setDaemon(true);
      return t;
    });
    try {
      HttpClient http =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect).executor(pool).build();
      for (Target target : targets) {
        for (EndpointSpec endpoint : target.spec().endpoints()) {
          // An unresolved simulator endpoint has nothing to ask yet; once the launcher started the worker it is
          // asked like any server, since it lists exactly the served names it registered (a profile or name
          // mismatch shows here, before anything is spent).
          if (!endpoint.checksModels() || EndpointSpec.SIMULATOR_URL.equals(endpoint.url())) {
            continue;
          }
          String where = target.label() + " at endpoint " + endpoint.name() + " (" + shown(endpoint.url()) + ")";
          checks.putIfAbsent(where, ask(http, target.spec(), endpoint, where, env, answer));
        }
      }
      List<String> failures = new ArrayList<>();
      for (CompletableFuture<String> c : checks.values()) {
        String failure = c.join();
        if (failure != null) {
          failures.add(failure);
        }
      }
      if (!failures.isEmpty()) {
        throw new ConfigException(failures.get(0)
            + (failures.size() == 1 ? "" : " (and " + (failures.size() - 1) + " more endpoint(s) failed)"));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The failure message, or null when the endpoint lists the model. */
  private static CompletableFuture<String> ask(
      HttpClient http, ModelSpec spec, EndpointSpec endpoint, String where, Map<String, String> env, Duration answer) {
    URI uri;
    try {
      uri = URI.create(trimSlash(endpoint.url()) + "/models");
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture("Cannot use " + where + ": the url is not a URI");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      return CompletableFuture.completedFuture("Cannot use " + where + ": the url must be http or https");
    }
    if (uri.getRawUserInfo() != null) {
      return CompletableFuture.completedFuture(
          "Cannot use " + where + ": the url carries credentials; use api-key-env instead");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(answer).GET();
    String key = spec.apiKeyEnv() == null ? null : env.get(spec.apiKeyEnv());
    if (key != null && !key.isBlank()) {
      request.header("Authorization", "Bearer " + key);
    }
    Duration connect = http.connectTimeout().orElse(CONNECT_TIMEOUT_DEFAULT);
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, error) -> error != null
            ? "Cannot reach " + where + ": " + reason(error, connect, answer)
            : listed(spec, response, where));
  }

  private static String listed(ModelSpec spec, HttpResponse<byte[]> response, String where) {
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      return "Cannot use " + where + ": GET /models answered HTTP " + status + " ("
          + (spec.apiKeyEnv() == null ? "no api-key-env is set" : "check the key in " + spec.apiKeyEnv()) + ")";
    }
    if (status != 200) {
      return "Cannot use " + where + ": GET /models answered HTTP " + status
          + " (set check-models: false on an endpoint without that route)";
    }
    List<String> names = new ArrayList<>();
    try {
      for (JsonNode m : JSON.readTree(response.body()).path("data")) {
        if (m.hasNonNull("id")) {
          names.add(m.get("id").asText());
        }
      }
    } catch (IOException e) {
      return "Cannot use " + where + ": GET /models did not answer JSON";
    }
    if (names.contains(spec.model())) {
      return null;
    }
    return "Cannot use " + where + ": the server does not list '" + spec.model() + "' (it lists "
        + (names.isEmpty() ? "no model" : String.join(", ", names.subList(0, Math.min(20, names.size()))))
        + ")";
  }

  private static String reason(Throwable error, Duration connect, Duration answer) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection within " + connect.toMillis() + " ms";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + answer.toMillis() + " ms";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
    }
    return Preflight.oneLine(e);
  }

  /** The URL as messages show it: no user info, no query, no fragment. */
  static String shown(String url) {
    try {
      URI u = URI.create(url);
      if (u.getHost() == null) {
        return u.getScheme() == null ? "?" : u.getScheme() + ":...";
      }
      return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
          + (u.getRawPath() == null ? "" : u.getRawPath());
    } catch (IllegalArgumentException e) {
      return "(not a URI)";
    }
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
