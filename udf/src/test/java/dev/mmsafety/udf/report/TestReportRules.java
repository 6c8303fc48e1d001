package dev.mmsafety.udf.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules behind the page: sampling, covering answers, what config text may be shown. */
class TestReportRules {

  @Test
  void perCellCountIsTheLargestThatKeepsTheTotalWithinTheCap() {
    assertThat(SampleStrata.perCell(List.of(5L, 3L), 20, 4000)).isEqualTo(20);
    // 300 strata of 1,000 responses: 13 x 300 = 3,900 <= 4,000 < 14 x 300
    assertThat(SampleStrata.perCell(java.util.Collections.nCopies(300, 1000L), 20, 4000)).isEqualTo(13);
    assertThat(SampleStrata.perCell(java.util.Collections.nCopies(5000, 2L), 20, 4000)).isEqualTo(1);
    assertThat(SampleStrata.perCell(List.of(), 20, 4000)).isEqualTo(20);
  }

  @Test
  void outcomeSaysUnsafeBeforeRefusedAndNoVerdictWithoutOne() {
    assertThat(SampleStrata.outcome(2, true, true)).isEqualTo("unsafe");
    assertThat(SampleStrata.outcome(2, false, true)).isEqualTo("refused");
    assertThat(SampleStrata.outcome(1, false, false)).isEqualTo("complied");
    assertThat(SampleStrata.outcome(0, false, false)).isEqualTo("no verdict");
  }

  @Test
  void harmfulOrUnsafeAnswersAreCoveredOnlyWithRedactionOn() {
    assertThat(Redaction.answer("how to", null, "harmful", false, true).covered()).isTrue();
    assertThat(Redaction.answer("sure", null, "benign", true, true).covered()).isTrue();
    assertThat(Redaction.answer("sure", null, "benign", false, true).covered()).isFalse();
    assertThat(Redaction.answer("how to", null, "harmful", true, false).covered()).isFalse();
    Redaction.Answer longAnswer = Redaction.answer("x".repeat(2000), null, "benign", false, true);
    assertThat(longAnswer.text()).hasSize(Redaction.MAX_CHARS + 1).endsWith("\u2026");
    assertThat(longAnswer.chars()).isEqualTo(2000);
    Redaction.Answer none = Redaction.answer(null, "ab12cd34ef56ab12cd34", "harmful", true, true);
    assertThat(none.text()).isNull();
    assertThat(none.note()).isEqualTo("No text stored for this response, sha256 ab12cd34ef56ab12.");
  }

  @Test
  void urlsLoseCredentialsQueriesAndFragments() {
    assertThat(DisplaySafe.url("https://user:pw@api.example.com:8443/v1?api_key=s3cret#x"))
        .isEqualTo("https://api.example.com:8443/v1");
    assertThat(DisplaySafe.url("http://127.0.0.1:8000/v1")).isEqualTo("http://127.0.0.1:8000/v1");
    assertThat(DisplaySafe.url("file:/data/manifest.json")).isEqualTo("file:/data/manifest.json");
    assertThat(DisplaySafe.url("http://[bad")).doesNotContain("bad");
  }

  @Test
  void parametersNamedLikeSecretsAreMaskedButEnvironmentNamesStay() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("api-key", "sk-live-123");
    params.put("api-key-env", "JUDGE_KEY");
    params.put("url", "https://u:p@judge.example.com/v1?token=t");
    params.put("nested", Map.of("auth_token", "t0k", "size", 3, "apiKey", "k3y", "max-tokens", 64, "maxTokens", 65));
    String shown = DisplaySafe.params(params);
    assertThat(shown).doesNotContain("sk-live-123").doesNotContain("t0k").doesNotContain("u:p")
        .doesNotContain("token=t").contains("\"api-key\":\"***\"").contains("\"api-key-env\":\"JUDGE_KEY\"")
        .contains("https://judge.example.com/v1").contains("\"size\":3").doesNotContain("k3y")
        .contains("\"max-tokens\":64").contains("\"maxTokens\":65");
    assertThat(DisplaySafe.params(Map.of())).isEqualTo("{}");
  }
}
