package dev.mmsafety.udf.attack.adaptive;

import dev.mmsafety.udf.answers.Rating;
import dev.mmsafety.udf.model.ModelResponse;

/**
 * How one target answer was scored: a 1-10 value (null when there is none), the scorer judge's verdict (null for the
 * evaluator's rating prompt), and the problem that left it unscored (null when it was scored).
 */
public record Score(Integer value, String verdict, String problem) {
  /** The evaluator's answer to the 1-10 rating prompt. */
  static Score ofRating(ModelResponse r) {
    if (!r.ok()) {
      return new Score(null, null, "rating failed: " + r.status());
    }
    Rating.Parsed p = Rating.parse(r.text());
    return p.ok() ? new Score(p.score(), null, null) : new Score(null, null, "rating unparseable: " + p.reason());
  }
}
