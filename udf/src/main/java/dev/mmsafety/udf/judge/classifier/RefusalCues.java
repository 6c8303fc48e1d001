package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.udf.common.DataResources;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Phrases that signal a decline, counted as features of the offline judge (the head weighs them; a hit alone
 * decides nothing). Written for this project from general knowledge of how assistants decline, in English and in
 * zh, ja, ko, es, pt, fr, de, it, ru, ar, hi, tr, nl, pl, vi and id; no labelled data was consulted. The published
 * keyword lists (advbench, ...) stay separate and exact in {@code RefusalLists}.
 */
final class RefusalCues {
  /**
   * Where the cues are read from. They are data, not code, so the phrase lists (long, multilingual) can be edited
   * without touching this class; each is a list of regex alternatives, joined with {@code |} in file order.
   * Changing one changes the features: the shipped offline judge must then be retrained.
   */
  static final String RESOURCE = "/mmsafety/judges/refusal-cues.json";

  private static final JsonNode DATA = DataResources.json(RESOURCE);

  /** Explicit declines: "I can't", "I won't", "no puedo", "无法"... */
  static final Pattern DECLINE = cue("decline");
  /** Apologies and regret: "sorry", "unfortunately", "lo siento"... */
  static final Pattern APOLOGY = cue("apology");
  /** Speaking as an AI: "as an AI", "language model", "como IA"... */
  static final Pattern AS_AI = cue("as_ai");
  /** Rules and ethics: "guidelines", "policy", "unethical", "harmful"... */
  static final Pattern POLICY = cue("policy");
  /** Sending the asker elsewhere: "hotline", "a professional", "the police"... */
  static final Pattern REDIRECT = cue("redirect");
  /** Offering something else: "instead", "I'd be happy to", "alternatively"... */
  static final Pattern OFFER = cue("offer");
  /** An answer that starts by complying: "Sure", "Here is", "Step 1"... (anchored at a line start). */
  static final Pattern COMPLY_OPENER = cue("comply_opener");
  /** Filler instead of content: "[insert steps]", "500 words", "lorem ipsum"... */
  static final Pattern PLACEHOLDER = cue("placeholder");
  /** Describing the image instead of answering: "The image shows", "la imagen muestra"... */
  static final Pattern IMAGE_OPENER = cue("image_opener");
  /** Asking instead of doing: "could you tell me more", "what do you mean". */
  static final Pattern CLARIFY = cue("clarify");
  /** Going on after a decline: "however, here is", "for educational purposes", "aunque bueno". */
  static final Pattern DESPITE = cue("despite");

  private RefusalCues() {}

  private static final Map<Pattern, FirstChars> COUNTERS = new IdentityHashMap<>();

  static {
    all().forEach(p -> COUNTERS.put(p, FirstChars.of(p)));
  }

  /** Matches of one of these patterns in a folded text. */
  static int count(Pattern p, String folded) {
    return COUNTERS.get(p).count(folded);
  }

  /** Lower case, curly quotes folded to straight ones: cues are written in that form. */
  static String fold(String text) {
    return text.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u02bc', '\'').toLowerCase(Locale.ROOT);
  }

  static List<Pattern> all() {
    return List.of(DECLINE, APOLOGY, AS_AI, POLICY, REDIRECT, OFFER, COMPLY_OPENER, PLACEHOLDER, IMAGE_OPENER, CLARIFY, DESPITE);
  }

  /** Cue {@code name}: its alternatives (a list, or lists by language) joined with {@code |}. */
  private static Pattern cue(String name) {
    JsonNode node = DataResources.field(DATA, name, RESOURCE);
    List<String> alternatives = new ArrayList<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(
          language -> alternatives.addAll(DataResources.strings(language.getValue(), name + "." + language.getKey(),
              RESOURCE)));
    } else {
      alternatives.addAll(DataResources.strings(node, name, RESOURCE));
    }
    try {
      return Pattern.compile(String.join("|", alternatives), Pattern.UNICODE_CASE | Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      throw new IllegalStateException("Cannot load " + RESOURCE + ": cue '" + name + "' is not a valid regular"
          + " expression: " + e.getDescription() + " near index " + e.getIndex(), e);
    }
  }
}
