package dev.mmsafety.udf.http;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads a response body as bytes, giving up at a deadline (and, if given, past a size). The JDK client's request timeout covers only the wait
 * for the response HEADERS: a server that sends "200" and then stalls in the body would hold the request (and the
 * partition's window) for ever. At the deadline the body's subscription is cancelled (which closes the
 * connection) and the response fails with an {@link HttpTimeoutException}, which the caller retries like any
 * timeout.
 */
public final class DeadlineBodyHandler implements HttpResponse.BodyHandler<byte[]> {
  private static final ScheduledThreadPoolExecutor TIMERS = timers();

  private final long deadlineNanos;
  private final long timeoutMs;
  private final long maxBytes;

  /** A handler for a request sent now with a timeout of {@code timeoutMs} for the whole answer. */
  public static DeadlineBodyHandler startingNow(long timeoutMs) {
    return startingNow(timeoutMs, Long.MAX_VALUE);
  }

  /** The same, also failing (and closing the connection) once the body passes {@code maxBytes}. */
  public static DeadlineBodyHandler startingNow(long timeoutMs, long maxBytes) {
    return new DeadlineBodyHandler(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), timeoutMs, maxBytes);
  }

  private DeadlineBodyHandler(long deadlineNanos, long timeoutMs, long maxBytes) {
    this.deadlineNanos = deadlineNanos;
    this.timeoutMs = timeoutMs;
    this.maxBytes = maxBytes;
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    return new Subscriber(HttpResponse.BodySubscribers.ofByteArray());
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final HttpResponse.BodySubscriber<byte[]> inner;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;

    Subscriber(HttpResponse.BodySubscriber<byte[]> inner) {
      this.inner = inner;
      inner.getBody().whenComplete((bytes, error) -> {
        if (error != null) {
          body.completeExceptionally(error);
        } else {
          body.complete(bytes);
        }
      });
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      long delay = Math.max(0, deadlineNanos - System.nanoTime());
      ScheduledFuture<?> timer = TIMERS.schedule(() -> {
        if (body.completeExceptionally(
            new HttpTimeoutException("response body not received within " + timeoutMs + " ms"))) {
          subscription.cancel();
        }
      }, delay, TimeUnit.NANOSECONDS);
      body.whenComplete((bytes, error) -> timer.cancel(false));
      this.subscription = subscription;
      inner.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      for (ByteBuffer b : item) {
        received += b.remaining();
      }
      if (received > maxBytes) {
        if (body.completeExceptionally(new java.io.IOException("response body larger than " + maxBytes + " bytes"))) {
          subscription.cancel();
        }
        return;
      }
      inner.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      inner.onError(throwable);
    }

    @Override
    public void onComplete() {
      inner.onComplete();
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }
  }

  private static ScheduledThreadPoolExecutor timers() {
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "mmsafety-http-deadlines");
      t.setDaemon(true);
      return t;
    });
    pool.setRemoveOnCancelPolicy(true); // most timers are cancelled: do not keep them queued until they expire
    return pool;
  }
}
