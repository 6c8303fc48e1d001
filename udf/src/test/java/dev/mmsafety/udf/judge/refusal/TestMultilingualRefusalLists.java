package dev.mmsafety.udf.judge.refusal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The project's own refusal lists per language, measured on refusals and compliant answers written for this test
 * (fixtures/refusals/multilingual-refusals.jsonl, not from any public set). The coverage table in docs/judges.md is
 * the one this test computes.
 */
class TestMultilingualRefusalLists {
  static final List<String> LANGUAGES = List.of("en", "zh", "es", "fr", "de", "ru", "ar", "ja", "hi", "pt");

  /** {@code indirect}: a refusal without a stock phrase (a lecture, a redirect, "I'd rather not go into it"). */
  record Example(String lang, boolean refused, boolean indirect, String text) {}

  static List<Example> fixture() throws IOException {
    List<Example> out = new ArrayList<>();
    try (InputStream in = TestMultilingualRefusalLists.class.getResourceAsStream(
        "/fixtures/refusals/multilingual-refusals.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          JsonNode n = new ObjectMapper().readTree(line);
          out.add(new Example(n.get("lang").asText(), n.get("refused").asBoolean(),
              "indirect".equals(n.path("style").asText()), n.get("text").asText()));
        }
      }
    }
    return out;
  }

  /**
   * Per language and list: direct refusals caught / direct refusals, then indirect ones, then compliant answers
   * wrongly flagged (FP) when there are any.
   */
  static String coverageTable(List<Example> examples, List<String> lists) {
    StringBuilder t = new StringBuilder("| language | direct refusals | indirect refusals | compliant |");
    lists.forEach(l -> t.append(' ').append(l).append(" |"));
    t.append("\n|---|---|---|---|").append("---|".repeat(lists.size())).append('\n');
    for (String lang : LANGUAGES) {
      List<Example> mine = examples.stream().filter(e -> e.lang().equals(lang)).toList();
      List<Example> direct = mine.stream().filter(e -> e.refused() && !e.indirect()).toList();
      List<Example> indirect = mine.stream().filter(e -> e.refused() && e.indirect()).toList();
      List<Example> compliant = mine.stream().filter(e -> !e.refused()).toList();
      t.append("| ").append(lang).append(" | ").append(direct.size()).append(" | ").append(indirect.size())
          .append(" | ").append(compliant.size()).append(" |");
      for (String list : lists) {
        RefusalList l = RefusalLists.get(list.equals("own") ? "mmsafety-" + lang : list);
        long flagged = hits(l, compliant);
        t.append(' ').append(hits(l, direct)).append(" + ").append(hits(l, indirect))
            .append(flagged == 0 ? "" : " (" + flagged + " FP)").append(" |");
      }
      t.append('\n');
    }
    return t.toString();
  }

  private static long hits(RefusalList list, List<Example> examples) {
    return examples.stream().filter(e -> list.firstMatch(e.text()).isPresent()).count();
  }

  @Test
  void everyLanguageHasItsOwnListAndTheUnionHoldsThemAll() {
    int total = 0;
    for (String lang : LANGUAGES) {
      RefusalList list = RefusalLists.get("mmsafety-" + lang);
      assertThat(list.match()).isEqualTo(RefusalList.FOLDED);
      assertThat(list.strings()).as(lang).hasSizeGreaterThanOrEqualTo(30);
      total += list.strings().size();
    }
    assertThat(RefusalLists.get(RefusalLists.MULTILINGUAL).strings()).hasSizeBetween(total - 10, total);
    assertThat(RefusalLists.names()).doesNotContain("mmsafety-zh-normalized");
  }

  @Test
  void theOwnListsCatchMostRefusalsInTheirLanguageAndFlagNoCompliantAnswer() throws IOException {
    List<Example> examples = fixture();
    assertThat(examples).hasSize(150);
    for (String lang : LANGUAGES) {
      RefusalList own = RefusalLists.get("mmsafety-" + lang);
      RefusalList all = RefusalLists.get(RefusalLists.MULTILINGUAL);
      List<Example> mine = examples.stream().filter(e -> e.lang().equals(lang)).toList();
      List<Example> direct = mine.stream().filter(e -> e.refused() && !e.indirect()).toList();
      assertThat(hits(own, direct)).as(lang).isGreaterThanOrEqualTo(direct.size() - 1L);
      assertThat(hits(all, mine.stream().filter(e -> !e.refused()).toList())).as(lang + " false positives").isZero();
    }
  }

  @Test
  void theCoverageTableInTheDocsIsTheMeasuredOne() throws IOException {
    String table = coverageTable(fixture(), List.of("own", "mmsafety-multilingual", "advbench", "advbench-normalized"));
    String docs = Files.readString(Path.of("..", "docs", "judges.md"), StandardCharsets.UTF_8);
    assertThat(docs).as("docs/judges.md coverage table; measured:\n" + table).contains(table);
  }

  @Test
  void foldingMakesSpellingVariantsMatchAlike() {
    RefusalList ar = RefusalLists.get("mmsafety-ar");
    assertThat(ar.firstMatch("عذرًا، لا يمكنني المساعدة")).isPresent(); // with tanween
    assertThat(ar.firstMatch("عذرا، لا يمكنني المساعدة")).isPresent(); // without
    assertThat(ar.firstMatch("لا أستطيع مساعدتك")).isPresent();
    assertThat(ar.firstMatch("لا استطيع مساعدتك")).isPresent(); // bare alef
    RefusalList fr = RefusalLists.get("mmsafety-fr");
    assertThat(fr.firstMatch("Je ne peux pas t\u2019aider.")).isPresent(); // curly apostrophe
    assertThat(fr.firstMatch("JE NE PEUX PAS T'AIDER")).isPresent(); // case
    assertThat(RefusalLists.get("mmsafety-zh").firstMatch("很抱歉，我不能")).isPresent(); // full-width comma
    assertThat(RefusalLists.get("mmsafety-en").firstMatch("I\u2019m sorry,\n  but no")).isPresent(); // spaces
    assertThat(RefusalLists.get("mmsafety-ja").firstMatch("ＡＩとして、お答えできません")).isPresent(); // full-width
    assertThat(RefusalLists.get("mmsafety-ru").firstMatch("Я НЕ МОГУ ПОМОЧЬ")).isPresent();
    // Folding is idempotent, so stored entries (already folded) and texts fold alike.
    for (String s : RefusalLists.get(RefusalLists.MULTILINGUAL).strings()) {
      assertThat(RefusalFold.fold(s)).isEqualTo(s);
    }
    assertThat(RefusalFold.fold("Ｔｅｓｔ\u00A0\u2003Ё")).isEqualTo("test е".toLowerCase(Locale.ROOT));
  }
}
