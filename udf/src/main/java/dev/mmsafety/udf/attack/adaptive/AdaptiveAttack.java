package dev.mmsafety.udf.attack.adaptive;

import dev.mmsafety.udf.registry.Described;
import dev.mmsafety.udf.registry.Descriptor;

/**
 * A configured adaptive attack (pair or tap): what it is, the search it runs, and the models it talks to.
 *
 * @param attacker the helper (role attacker) that proposes prompts
 * @param evaluator the helper that checks topics and rates answers (null when a scorer rates and no topic is checked)
 * @param carrier how proposals reach the target ({@code none}: as text)
 * @param scorer the judge (judges:) that scores the target's answers in place of the evaluator's rating, or null
 */
public record AdaptiveAttack(
    Descriptor descriptor, SearchSettings settings, SearchTemplates templates, String attacker, String evaluator,
    String carrier, String scorer) implements Described {

  /** The search for one case: {@code goal} is the case's instruction, {@code seed} the probe seed. */
  public AdaptiveSearch search(String goal, long seed, Carrier carrierFor) {
    return new AdaptiveSearch(settings, templates, carrierFor, goal, seed);
  }

  /** The search for one case through the configured carrier. */
  public AdaptiveSearch search(String goal, long seed) {
    return search(goal, seed, VisualCarriers.of(carrier));
  }

  /** Makes the attack from its params (read through {@link dev.mmsafety.udf.registry.Params}). */
  @FunctionalInterface
  public interface Factory {
    Setup create(dev.mmsafety.udf.registry.Params params);
  }

  /** What a factory reads: everything but the descriptor, which the registry adds. */
  public record Setup(SearchSettings settings, SearchTemplates templates, String attacker, String evaluator,
      String carrier, String scorer) {}
}
