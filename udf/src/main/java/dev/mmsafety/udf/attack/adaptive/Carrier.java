package dev.mmsafety.udf.attack.adaptive;

import dev.mmsafety.udf.model.ContentPart;
import java.util.List;

/**
 * How an attacker's prompt reaches the target: as text ({@link #TEXT}), or rendered into an image with a benign text
 * prompt (visual carriers).
 */
@FunctionalInterface
public interface Carrier {
  /** The prompt as text, unchanged. */
  Carrier TEXT = prompt -> List.of(ContentPart.text(prompt));

  /** The user message parts the target receives for {@code prompt}. Deterministic. */
  List<ContentPart> parts(String prompt);
}
