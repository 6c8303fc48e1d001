package dev.mmsafety.udf.model;

import dev.mmsafety.udf.http.CircuitBreaker;
import dev.mmsafety.udf.http.EndpointConcurrency;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server of a model as this JVM sees it: its chat URL, its concurrency (this JVM's share of the endpoint's
 * budget, fixed or adaptive), its circuit breaker and the requests outstanding from this JVM (for
 * least-outstanding balancing).
 */
final class ModelEndpoint {
  final String name;
  final URI chatUri;
  final boolean simulator;
  final EndpointConcurrency limiter;
  final CircuitBreaker breaker;
  final AtomicInteger outstanding = new AtomicInteger();

  ModelEndpoint(
      String name, String baseUrl, boolean simulator, EndpointConcurrency limiter, CircuitBreaker breaker) {
    this.name = name;
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.chatUri = URI.create(base + "/chat/completions");
    this.simulator = simulator;
    this.limiter = limiter;
    this.breaker = breaker;
  }
}
