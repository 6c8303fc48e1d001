package dev.mmsafety.udf.sim;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The language of a request, from its script and, for Latin script, common words. Enough to answer in the
 * prompt's language; not a general language identifier.
 */
public enum Language {
  EN, ZH, ES, FR, DE, RU, AR, JA, HI, PT;

  private static final Map<Language, Set<String>> COMMON_WORDS = Map.of(
      EN, Set.of("the", "and", "how", "what", "is", "are", "can", "to", "of", "you", "with", "this", "for", "do", "my"),
      ES, Set.of("el", "la", "los", "las", "de", "que", "cómo", "como", "para", "por", "una", "puedo", "qué", "es",
          "del", "mi", "hacer", "esta"),
      FR, Set.of("le", "la", "les", "des", "est", "comment", "je", "pour", "une", "et", "que", "qu'il", "dans", "du",
          "mon", "faire", "cette", "puis-je"),
      DE, Set.of("der", "die", "das", "und", "ich", "wie", "ist", "nicht", "ein", "eine", "kann", "mit", "mein", "für",
          "diese", "man"),
      PT, Set.of("o", "os", "de", "que", "como", "para", "uma", "não", "eu", "posso", "você", "do", "da", "meu", "fazer",
          "esta", "isso"));

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Language detect(String text) {
    int han = 0;
    int kana = 0;
    int cyrillic = 0;
    int arabic = 0;
    int devanagari = 0;
    int latin = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      switch (script) {
        case HAN -> han++;
        case HIRAGANA, KATAKANA -> kana++;
        case CYRILLIC -> cyrillic++;
        case ARABIC -> arabic++;
        case DEVANAGARI -> devanagari++;
        case LATIN -> latin++;
        default -> { }
      }
    }
    int max = Math.max(Math.max(han + kana, cyrillic), Math.max(Math.max(arabic, devanagari), latin));
    if (max == 0) {
      return EN;
    }
    if (max == han + kana) {
      return kana > 0 ? JA : ZH;
    }
    if (max == cyrillic) {
      return RU;
    }
    if (max == arabic) {
      return AR;
    }
    if (max == devanagari) {
      return HI;
    }
    return latinLanguage(text);
  }

  private static Language latinLanguage(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}'-]+");
    Language best = EN;
    int bestHits = 0;
    for (Language language : new Language[] {EN, ES, FR, DE, PT}) {
      int hits = 0;
      for (String w : words) {
        hits += COMMON_WORDS.get(language).contains(w) ? 1 : 0;
      }
      if (hits > bestHits) {
        best = language;
        bestHits = hits;
      }
    }
    // Spanish and Portuguese share many words; their own letters decide.
    if ((best == ES || best == PT) && text.matches("(?s).*(ção|ões|ã|õ|você|não).*")) {
      return PT;
    }
    if (best == PT && text.matches("(?s).*(ñ|¿|¡|ción).*")) {
      return ES;
    }
    return best;
  }
}
