package dev.mmsafety.udf.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestComponentDocs {
  @Test
  void generatedTablesInTheDocsAreCurrent() throws Exception {
    for (Map.Entry<String, List<String>> file : ComponentDocs.FILES.entrySet()) {
      Path doc = Path.of("..", "docs", file.getKey());
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      if (Boolean.getBoolean("docs.update")) {
        text = ComponentDocs.rewrite(text);
        Files.writeString(doc, text, StandardCharsets.UTF_8);
      }
      for (String id : file.getValue()) {
        assertThat(text).as("docs/%s lacks its generated section %s", file.getKey(), id)
            .contains("<!-- generated:" + id + " (./mmsafety docs) -->", "<!-- end generated:" + id + " -->");
      }
      assertThat(text)
          .as("docs/%s is stale: regenerate with ./mmsafety docs (or mvn test -pl udf -Ddocs.update=true)", file.getKey())
          .isEqualTo(ComponentDocs.rewrite(text));
    }
  }

  @Test
  void tablesListEveryTypeAndParamWithDefaultsAndRanges() {
    String attacks = ComponentDocs.section("attacks");
    assertThat(attacks)
        .contains("| `perturb` | 2 | | | | A seeded perturbation")
        .contains("| | | `radius` | integer 1 to 50 | `2` | blur: radius (sigma = radius / 2) |")
        .contains("| | | `overflow` | `clip`, `shrink`, `reject` | `clip` |")
        .contains("| | | `template` | string | required |");
    assertThat(ComponentDocs.section("judges")).contains("| `cascade` | 2 |", "| | | `threshold` | number 0.5 to 1.0 | none |",
        "| | | `max-llm-share` | number 0.0 to 1.0 | none |");
    assertThat(ComponentDocs.section("defenses")).contains("| | | `quality` | number 1.0 to 100.0 | `75.0` |");
    assertThat(ComponentDocs.section("loaders")).contains("| `xstest` |", "| | | `step` | string | `last` |");
  }

  @Test
  void rewriteReplacesOnlyTheSectionsAndRejectsUnknownOnes() {
    String doc = "intro\n<!-- generated:defenses (./mmsafety docs) -->\nold table\n<!-- end generated:defenses -->\noutro\n";
    String fresh = ComponentDocs.rewrite(doc);
    assertThat(fresh).startsWith("intro\n<!-- generated:defenses").endsWith("<!-- end generated:defenses -->\noutro\n")
        .doesNotContain("old table").contains("| `purify` | 1 |");
    assertThatThrownBy(() -> ComponentDocs.rewrite("<!-- generated:nope (./mmsafety docs) -->\n<!-- end generated:nope -->"))
        .hasMessage("Cannot render docs section nope: unknown (known: [attacks, adaptive-attacks, judges, defenses, loader-options, loaders])");
  }
}
