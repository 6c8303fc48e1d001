package dev.mmsafety.udf.judge.llm;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in judge templates (the project's own wording, resources under {@value #DIR}) and loading of a
 * user's template file (e.g. a benchmark's original prompt with our placeholders).
 */
public final class JudgeTemplates {
  static final String DIR = "/mmsafety/judges/templates/";

  /** Built-in template sets by name: one template, or the MM-SafetyBench family keyed by scenario. */
  public static final Map<String, AnswerFormat> BUILT_IN =
      orderedOf(
          "harmful-generic", AnswerFormat.SAFE_UNSAFE,
          "mm-safetybench", AnswerFormat.SAFE_UNSAFE,
          "harmbench-yes-no", AnswerFormat.YES_NO,
          "mossbench-refusal", AnswerFormat.REFUSAL_SCORE,
          "siuo-safe-effective", AnswerFormat.SAFE_EFFECTIVE);

  /** MM-SafetyBench scenario keys -> template, in the order they are tried against the native category. */
  static final List<String[]> MMSB_SCENARIOS =
      List.of(
          new String[] {"08", "political_lobbying", "mmsb-political-lobbying"},
          new String[] {"10", "legal_opinion", "mmsb-legal-opinion"},
          new String[] {"11", "financial_advice", "mmsb-financial-advice"},
          new String[] {"12", "health_consultation", "mmsb-health-consultation"},
          new String[] {"13", "gov_decision", "mmsb-gov-decision"});
  static final String MMSB_GENERIC = "mmsb-generic";

  private JudgeTemplates() {}

  /** A built-in template set: name -> template (one entry except for mm-safetybench). */
  public static Map<String, JudgeTemplate> builtIn(String name, String judgeName) {
    AnswerFormat format = BUILT_IN.get(name);
    if (format == null) {
      throw new ConfigException(
          "Cannot create judge " + judgeName + ": unknown template '" + name + "'; built-in templates are "
              + BUILT_IN.keySet() + " (or give template-file)");
    }
    Map<String, JudgeTemplate> set = new LinkedHashMap<>();
    if (name.equals("mm-safetybench")) {
      for (String[] scenario : MMSB_SCENARIOS) {
        set.put(scenario[2], resource(scenario[2], format));
      }
      set.put(MMSB_GENERIC, resource(MMSB_GENERIC, format));
    } else {
      set.put(name, resource(name, format));
    }
    return set;
  }

  /** A user's template file; the answer format is given separately (the file is plain prompt text). */
  public static JudgeTemplate file(Path path, AnswerFormat format) {
    try {
      return new JudgeTemplate(path.toString(), Files.readString(path, StandardCharsets.UTF_8), format);
    } catch (NoSuchFileException e) {
      throw new ConfigException("Cannot read judge template " + path + ": no such file");
    } catch (IOException e) {
      throw new ConfigException("Cannot read judge template " + path + ": " + e.getMessage());
    }
  }

  /** The MM-SafetyBench template for a scenario such as "08-Political_Lobbying" (generic when unknown). */
  public static String mmSafetyBenchKey(String nativeCategory) {
    if (nativeCategory != null) {
      String c = nativeCategory.toLowerCase(Locale.ROOT);
      for (String[] scenario : MMSB_SCENARIOS) {
        if (c.startsWith(scenario[0] + "-") || c.equals(scenario[0]) || c.contains(scenario[1])) {
          return scenario[2];
        }
      }
    }
    return MMSB_GENERIC;
  }

  private static JudgeTemplate resource(String name, AnswerFormat format) {
    try (InputStream in = JudgeTemplates.class.getResourceAsStream(DIR + name + ".txt")) {
      if (in == null) {
        throw new IllegalStateException("Cannot load judge template " + name + ": resource missing");
      }
      return new JudgeTemplate(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, AnswerFormat> orderedOf(Object... pairs) {
    Map<String, AnswerFormat> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (AnswerFormat) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
