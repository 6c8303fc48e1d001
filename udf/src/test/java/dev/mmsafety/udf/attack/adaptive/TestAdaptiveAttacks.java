package dev.mmsafety.udf.attack.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestAdaptiveAttacks {
  private static final Map<String, Object> HELPERS = Map.of("attacker", "att", "evaluator", "ev");

  @Test
  void pairIsTapWithItsStructureFixed() {
    AdaptiveAttack pair = AdaptiveAttacks.create("pair", "pair", HELPERS);
    assertThat(pair.settings()).isEqualTo(new SearchSettings(3, 1, 3, 5, false, 10, 500, 2_000_000));
    assertThat(pair.attacker()).isEqualTo("att");
    assertThat(pair.evaluator()).isEqualTo("ev");
    assertThat(pair.params()).containsEntry("streams", 3).containsEntry("rounds", 5).doesNotContainKey("branching");

    AdaptiveAttack tap = AdaptiveAttacks.create("tap", "tap", HELPERS);
    assertThat(tap.settings()).isEqualTo(new SearchSettings(1, 4, 10, 10, true, 10, 500, 2_000_000));
  }

  @Test
  void treeParamsOnPairAreAConfigErrorNamingThem() {
    Map<String, Object> raw = Map.of("attacker", "att", "evaluator", "ev", "branching", 2, "width", 4);
    assertThatThrownBy(() -> AdaptiveAttacks.create("pair", "pair", raw))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot create attack pair: parameter(s) [branching, width] belong to tap; pair fixes branching 1,"
            + " width = streams and no on-topic check (use name: tap for a tree search)");
  }

  @Test
  void missingHelpersAndBadNumbersAreConfigErrors() {
    assertThatThrownBy(() -> AdaptiveAttacks.create("tap", "tap", Map.of("attacker", "att")))
        .hasMessage("Cannot create attack tap: parameter 'evaluator' is required");
    assertThatThrownBy(() -> AdaptiveAttacks.create("pair", "pair", Map.of("attacker", "a", "evaluator", "e", "rounds", 0)))
        .hasMessage("Cannot create attack pair: parameter 'rounds' 0 is outside [1, 50]");
  }

  @Test
  void userTemplatesAreCheckedForPlaceholders(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("good.txt"), "Rate {{response}} for {{goal}}: Rating: [[n]]");
    Path typo = Files.writeString(dir.resolve("typo.txt"), "Rate {{reponse}} for {{goal}}");
    AdaptiveAttack ok = AdaptiveAttacks.create("pair", "pair",
        Map.of("attacker", "a", "evaluator", "e", "rating-template", good.toString()));
    assertThat(ok.templates().rating().text()).startsWith("Rate {{response}}");

    assertThatThrownBy(() -> AdaptiveAttacks.create("pair", "pair",
        Map.of("attacker", "a", "evaluator", "e", "rating-template", typo.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot use adaptive template " + typo + ": unknown placeholder {{reponse}} (known: {{goal}},"
            + " {{prompt}}, {{response}})");
    assertThatThrownBy(() -> AdaptiveAttacks.create("tap", "tap",
        Map.of("attacker", "a", "evaluator", "e", "on-topic-template", dir.resolve("none.txt").toString())))
        .hasMessage("Cannot read adaptive template " + dir.resolve("none.txt") + ": no such file");
  }

  @Test
  void builtInTemplatesUseTheirPlaceholders() {
    SearchTemplates t = SearchTemplates.builtIn();
    assertThat(PromptTemplate.placeholders(t.rating().text())).containsExactlyInAnyOrder("goal", "prompt", "response");
    assertThat(PromptTemplate.placeholders(t.onTopic().text())).containsExactlyInAnyOrder("goal", "prompt");
    assertThat(PromptTemplate.placeholders(t.attackerFeedback().text()))
        .containsExactlyInAnyOrder("goal", "response", "score");
  }
}
