package dev.mmsafety.udf.docs;

import dev.mmsafety.udf.attack.Attacks;
import dev.mmsafety.udf.attack.adaptive.AdaptiveAttacks;
import dev.mmsafety.udf.defense.Defenses;
import dev.mmsafety.udf.ingest.Benchmarks;
import dev.mmsafety.udf.ingest.LoaderOptions;
import dev.mmsafety.udf.ingest.LoaderType;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of docs/attacks.md, judges.md, defenses.md and benchmarks-formats.md, rendered from the type
 * declarations so the docs cannot drift from the code. Each table sits between two marker comments,
 * {@code <!-- generated:ID (./mmsafety docs) -->} and {@code <!-- end generated:ID -->}; the prose around them is
 * written by hand and left alone. {@code ./mmsafety docs} rewrites them; a test fails when one is stale.
 */
public final class ComponentDocs {
  /** Each doc file (relative to docs/) and the generated sections it holds. */
  public static final Map<String, List<String>> FILES =
      Map.of(
          "attacks.md", List.of("attacks", "adaptive-attacks"),
          "judges.md", List.of("judges"),
          "defenses.md", List.of("defenses"),
          "benchmarks-formats.md", List.of("loader-options", "loaders"));

  private static final Map<String, Supplier<String>> SECTIONS = sections();
  private static final Pattern SECTION =
      Pattern.compile("(<!-- generated:([a-z-]+) \\(\\./mmsafety docs\\) -->\\n)(.*?)(<!-- end generated:\\2 -->)",
          Pattern.DOTALL);

  private ComponentDocs() {}

  /** {@code doc} with every generated section rendered afresh; unknown section ids are an error. */
  public static String rewrite(String doc) {
    Matcher m = SECTION.matcher(doc);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Supplier<String> table = SECTIONS.get(m.group(2));
      if (table == null) {
        throw new IllegalArgumentException("Cannot render docs section " + m.group(2) + ": unknown (known: "
            + SECTIONS.keySet() + ")");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table.get() + m.group(4)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The markers and table of section {@code id}, to paste into a doc once. */
  public static String section(String id) {
    return "<!-- generated:" + id + " (./mmsafety docs) -->\n" + SECTIONS.get(id).get() + "<!-- end generated:" + id
        + " -->";
  }

  private static Map<String, Supplier<String>> sections() {
    Map<String, Supplier<String>> s = new LinkedHashMap<>();
    s.put("attacks", () -> components(Attacks.REGISTRY, "attack (`name`)"));
    s.put("adaptive-attacks", () -> components(AdaptiveAttacks.REGISTRY, "adaptive attack (`name`)"));
    s.put("judges", () -> components(Judges.REGISTRY, "judge `type`"));
    s.put("defenses", () -> components(Defenses.REGISTRY, "defense (`name`)"));
    s.put("loader-options", () -> options(LoaderOptions.COMMON_OPTIONS));
    s.put("loaders", ComponentDocs::loaders);
    return s;
  }

  /** One row per type (version and what it does), then one row per parameter. */
  private static String components(Registry<?> registry, String heading) {
    StringBuilder t = new StringBuilder();
    t.append("| ").append(heading).append(" | version | param | values | default | meaning |\n");
    t.append("|---|---|---|---|---|---|\n");
    for (ComponentType<?> type : registry.types()) {
      t.append("| `").append(type.name()).append("` | ").append(type.version()).append(" | | | | ")
          .append(cell(type.doc())).append(" |\n");
      for (Param p : type.params()) {
        t.append("| | | ").append(paramCells(p)).append(" |\n");
      }
    }
    return t.toString();
  }

  private static String options(List<Param> params) {
    StringBuilder t = new StringBuilder("| option | values | default | meaning |\n|---|---|---|---|\n");
    params.forEach(p -> t.append("| ").append(paramCells(p)).append(" |\n"));
    return t.toString();
  }

  private static String loaders() {
    StringBuilder t = new StringBuilder("| benchmark | reads | option | values | default | meaning |\n");
    t.append("|---|---|---|---|---|---|\n");
    for (LoaderType type : Benchmarks.TYPES) {
      t.append("| `").append(type.name()).append("` | ").append(cell(type.layout())).append(" | | | | |\n");
      for (Param p : type.options()) {
        t.append("| | | ").append(paramCells(p)).append(" |\n");
      }
    }
    return t.toString();
  }

  private static String paramCells(Param p) {
    return "`" + p.key() + "` | " + p.shape() + " | " + cell(p.shownDefault()) + " | " + cell(p.doc());
  }

  /** Table cells cannot hold a pipe, and angle brackets would read as HTML. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}
