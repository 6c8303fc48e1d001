package dev.mmsafety.udf.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.udf.common.DataResources;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Refusals in the styles real assistants use (a short apology, a lecture, a redirect to help, a safer neighbouring
 * answer, a policy line, a refusal without the usual keywords), in the request's language. All wording is the
 * project's own. Most English styles contain a phrase keyword judges look for; some deliberately do not, as real
 * refusals often do not, so keyword and model judges disagree now and then.
 */
final class Refusals {
  /**
   * Where the wording is read from: the texts are data, not code, so they can be edited without touching this
   * class. Which text a request gets is a hash pick from its list, so editing or reordering a list changes answers.
   */
  static final String RESOURCE = "/mmsafety/sim/refusals.json";

  private static final JsonNode DATA = DataResources.json(RESOURCE);

  /** English refusal styles; {t} is the request's topic. */
  private static final List<String> EN = DataResources.stringField(DATA, "en", RESOURCE);

  /** Refusals of harmless requests that only sound alarming; {w} is the word that set the model off. */
  private static final List<String> OVER_CAUTIOUS = DataResources.stringField(DATA, "over_cautious", RESOURCE);

  /** Refusals in every other language, by language. */
  private static final Map<Language, List<String>> OTHER = other();

  /** Phrases that mark a refusal in any of the styles above, for the simulated judges and guards to read. */
  static final List<String> MARKERS = DataResources.stringField(DATA, "markers", RESOURCE);

  private Refusals() {}

  private static Map<Language, List<String>> other() {
    JsonNode other = DataResources.field(DATA, "other", RESOURCE);
    Map<Language, List<String>> out = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      if (language != Language.EN) {
        out.put(language, DataResources.stringField(other, language.code(), RESOURCE));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** A refusal of a harmful-looking request, in its language; the style is picked by {@code key}. */
  static String refuse(Signals s, String key) {
    if (s.language() != Language.EN) {
      return SimulatorAnswers.pick(OTHER.get(s.language()), "refusal", key);
    }
    String style = SimulatorAnswers.pick(EN, "refusal", key);
    return style.replace("{t}", s.instructionInImage() ? "what the image asks for" : s.topic());
  }

  /** A refusal of a harmless request that mentions an alarm word (over-refusal). */
  static String overCautious(Signals s, String key) {
    if (s.language() != Language.EN) {
      return SimulatorAnswers.pick(OTHER.get(s.language()), "over-refusal", key);
    }
    if (s.alarmWord() == null) {
      return SimulatorAnswers.pick(EN, "refusal", key).replace("{t}", s.topic());
    }
    String word = s.alarmWord();
    return SimulatorAnswers.pick(OVER_CAUTIOUS, "over-refusal", key).replace("{w}", word);
  }
}
