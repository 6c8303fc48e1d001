package dev.mmsafety.udf.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestBoundedConcurrency {

  @Test
  void neverHasMoreThanWindowInFlightAgainstARealServerAndKeepsOrder() {
    SimulatorSpec simSpec = new SimulatorSpec(100, 10L, 10L, null, null, null, null, null);
    dev.mmsafety.udf.sim.SimBehaviour profile =
        dev.mmsafety.udf.sim.SimProfiles.create(dev.mmsafety.udf.sim.SimProfile.TEXT_ALIGNED.id(), simSpec);
    try (SimulatedWorker w = SimulatedWorker.start(simSpec)) {
      ModelSpec spec = new ModelSpec("m", "m", List.of(new EndpointSpec("sim", w.baseUrl(), 100, true)), null, null,
          null, null);
      ModelCaller caller = ModelClients.create(spec, InferenceSpec.DEFAULT, null, 1);
      AtomicInteger pulled = new AtomicInteger();
      Iterator<Integer> input = IntStream.range(0, 60).peek(i -> pulled.incrementAndGet()).iterator();
      Iterator<Outcome<ModelResponse>> out = BoundedConcurrency.mapOrdered(input, 5, i -> caller.call(
          new ModelRequest("m", List.of(ChatMessage.user(List.of(ContentPart.text("item " + i)))),
              GenerationSpec.DEFAULT)));
      assertThat(out.hasNext()).isTrue();
      assertThat(pulled.get()).isEqualTo(5); // lazy: only the window was pulled
      List<String> texts = new ArrayList<>();
      out.forEachRemaining(o -> texts.add(o.value().text()));
      assertThat(texts).hasSize(60);
      assertThat(w.counters().maxInFlight()).isLessThanOrEqualTo(5).isGreaterThan(1);
      assertThat(w.counters().calls()).isEqualTo(60);
      for (int i = 0; i < 60; i++) { // order preserved: answer i is the simulator's answer to prompt i
        assertThat(texts.get(i))
            .isEqualTo(profile.answer(dev.mmsafety.udf.sim.SimRequest.ofText("m", "", "item " + i)).text());
      }
    }
  }

  @Test
  void turnsThrowingAndFailingCallsIntoFailedOutcomes() {
    Iterator<Outcome<String>> out = BoundedConcurrency.mapOrdered(List.of(1, 2, 3).iterator(), 2, i -> {
      if (i == 1) {
        throw new IllegalStateException("boom");
      }
      return i == 2 ? CompletableFuture.failedFuture(new RuntimeException("late")) : CompletableFuture.completedFuture("3");
    });
    assertThat(out.next().error()).hasMessage("boom");
    assertThat(out.next().error()).hasMessage("late");
    assertThat(out.next().value()).isEqualTo("3");
    assertThat(out.hasNext()).isFalse();
  }

  @Test
  void limiterHandsPermitsToWaitersInOrder() {
    AsyncLimiter limiter = new AsyncLimiter(1);
    CompletableFuture<Integer> first = limiter.acquire();
    CompletableFuture<Integer> second = limiter.acquire();
    assertThat(first).isDone();
    assertThat(second).isNotDone();
    limiter.release();
    assertThat(second).isDone();
    assertThat(limiter.inUse()).isEqualTo(1);
    limiter.release();
    assertThat(limiter.inUse()).isZero();
  }

  @Test
  void breakerOpensHalfOpensAndCloses() {
    long[] now = {0};
    CircuitBreaker breaker = new CircuitBreaker(2, 100, () -> now[0]);
    breaker.onFailure();
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire()).isFalse();
    now[0] = 150;
    assertThat(breaker.tryAcquire()).isTrue(); // the one trial
    assertThat(breaker.tryAcquire()).isFalse();
    breaker.onFailure();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    now[0] = 300;
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.onSuccess();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void retryPolicyBacksOffExponentiallyAndHonoursRetryAfter() {
    RetryPolicy policy = new RetryPolicy(5, 100, 1000, 60_000);
    assertThat(policy.delayMs(1, -1, 0.0)).isEqualTo(50);
    assertThat(policy.delayMs(1, -1, 0.999)).isBetween(50L, 100L);
    assertThat(policy.delayMs(3, -1, 0.999)).isBetween(200L, 400L);
    assertThat(policy.delayMs(10, -1, 0.999)).isLessThanOrEqualTo(1000);
    assertThat(policy.delayMs(1, 3000, 0.5)).isEqualTo(3000);
    assertThat(RetryPolicy.parseRetryAfterMs("2", 0)).isEqualTo(2000);
    assertThat(RetryPolicy.parseRetryAfterMs("Wed, 21 Oct 2015 07:28:05 GMT", 1445412480000L)).isEqualTo(5000);
    assertThat(RetryPolicy.parseRetryAfterMs("soon", 0)).isEqualTo(-1);
    assertThat(RetryPolicy.retryableStatus(429)).isTrue();
    assertThat(RetryPolicy.retryableStatus(503)).isTrue();
    assertThat(RetryPolicy.retryableStatus(400)).isFalse();
    assertThat(policy.hasAttemptAfter(4)).isTrue();
    assertThat(policy.hasAttemptAfter(5)).isFalse();
  }
}
