package dev.mmsafety.udf.model;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts the response cache in front of a caller: a request whose id is cached is answered from it (attempts 0,
 * cache hit marked) without a call; an ok answer from the server is added to the shared index and appended to
 * this task's segment, stamped with the run it was answered in and the model's revision. Defenses call through
 * this too, so guard and rewriter calls are cached the same way.
 */
public final class CachingModelCaller implements ModelCaller {
  private final ModelCaller delegate;
  private final dev.mmsafety.udf.config.ModelSpec spec;
  private final Map<String, ResponseCache.Entry> index;
  private final ResponseCache.Origin origin;
  private final ResponseCache.SegmentWriter segment;
  /**
   * Requests being answered in this JVM, by id: a second probe asking the very same thing (same model, parameters,
   * text and image hashes) while the first is in flight waits for that answer instead of paying for it again.
   */
  private static final Map<String, CompletableFuture<ModelResponse>> IN_FLIGHT =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  public CachingModelCaller(
      ModelCaller delegate,
      dev.mmsafety.udf.config.ModelSpec spec,
      Map<String, ResponseCache.Entry> index,
      ResponseCache.SegmentWriter segment,
      ResponseCache.Origin origin) {
    this.delegate = delegate;
    this.spec = spec;
    this.index = index;
    this.origin = origin;
    this.segment = segment;
  }

  @Override
  public CompletableFuture<ModelResponse> call(ModelRequest request) {
    String id = RequestIds.of(spec, ModelClients.effectiveRequest(spec, request));
    ResponseCache.Entry cached = index.get(id);
    if (cached != null) {
      hits.incrementAndGet();
      return CompletableFuture.completedFuture(cached.response());
    }
    CompletableFuture<ModelResponse> mine = new CompletableFuture<>();
    CompletableFuture<ModelResponse> running = IN_FLIGHT.putIfAbsent(id, mine);
    if (running != null) {
      hits.incrementAndGet();
      return running.thenApply(r -> r.ok() ? asCached(r) : r);
    }
    misses.incrementAndGet();
    delegate.call(request).whenComplete((r, error) -> {
      if (r != null && r.ok()) {
        index.put(id, new ResponseCache.Entry(asCached(r), origin.runId(), origin.runDate(), spec.revision()));
        if (segment != null) {
          segment.append(new ResponseCache.Entry(r, origin.runId(), origin.runDate(), spec.revision()));
        }
      }
      IN_FLIGHT.remove(id, mine);
      if (error != null) {
        mine.completeExceptionally(error);
      } else {
        mine.complete(r);
      }
    });
    return mine;
  }

  private static ModelResponse asCached(ModelResponse r) {
    return new ModelResponse(r.requestId(), r.status(), r.text(), r.finishReason(), r.promptTokens(),
        r.completionTokens(), r.latencyMs(), r.httpStatus(), 0, r.endpoint(), null, true);
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }
}
