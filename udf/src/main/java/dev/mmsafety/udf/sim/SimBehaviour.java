package dev.mmsafety.udf.sim;

/**
 * How one simulator profile answers: a parsed request in, an answer out. Implementations are deterministic from
 * the request's content (text and image bytes) and hold no per-request state, so one instance serves every
 * request of its model concurrently. {@link SimProfiles} makes them by profile name.
 */
@FunctionalInterface
public interface SimBehaviour {
  SimAnswer answer(SimRequest request);
}
