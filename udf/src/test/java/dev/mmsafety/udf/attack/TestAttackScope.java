package dev.mmsafety.udf.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which benchmark variants each attack takes by default, and what a spec's {@code variants} changes. */
class TestAttackScope {
  static AttackScope scope(String name, List<String> benchmarks, List<String> variants) {
    return AttackScope.of(new AttackSpec(name, null, benchmarks, null, null, variants));
  }

  static AttackScope scope(String name) {
    return scope(name, null, null);
  }

  @Test
  void figStepTakesTextVariantsOnly() {
    AttackScope figstep = scope("figstep");
    assertThat(figstep.applies("mm-safetybench", "text-only", false)).isTrue();
    assertThat(figstep.applies("mm-safetybench", "SD", true)).isFalse();
    assertThat(figstep.applies("mm-safetybench", "SD_TYPO", true)).isFalse();
    assertThat(figstep.applies("mm-safetybench", "TYPO", true)).isFalse();
    assertThat(figstep.applies("figstep", "question", false)).isTrue();
    assertThat(figstep.applies("figstep", "steps-text", false)).isTrue();
    assertThat(figstep.applies("figstep", "figstep", true)).isFalse();
    assertThat(figstep.applies("xstest", "text", false)).isTrue();
    assertThat(figstep.applies("jailbreakv-28k", "redteam", false)).isTrue();
    assertThat(figstep.applies("jailbreakv-28k", "figstep", true)).isFalse();
  }

  @Test
  void queryRelevantNeverStacksASecondBanner() {
    AttackScope qr = scope("query-relevant");
    assertThat(qr.applies("mm-safetybench", "SD", true)).isTrue();
    assertThat(qr.applies("mm-safetybench", "SD_TYPO", true)).isFalse();
    assertThat(qr.applies("mm-safetybench", "TYPO", true)).isFalse();
    assertThat(qr.applies("mm-safetybench", "text-only", false)).isFalse();
    assertThat(qr.applies("jailbreakv-28k", "sd", true)).isTrue();
    assertThat(qr.applies("jailbreakv-28k", "sd_typo", true)).isFalse();
    // HADES' images carry the keyword typography: declared by prefix (step-0, step-5, ...)
    assertThat(qr.applies("hades", "step-5", true)).isFalse();
    assertThat(AttackScope.kind("hades", "step-5", true)).isEqualTo("typographic");
  }

  @Test
  void noneTakesEveryVariantAndImageTransformsEveryImage() {
    for (String v : List.of("SD", "SD_TYPO", "TYPO", "text-only")) {
      assertThat(scope("none").applies("mm-safetybench", v, !v.equals("text-only"))).as(v).isTrue();
    }
    assertThat(scope("perturb").applies("mm-safetybench", "SD_TYPO", true)).isTrue();
    assertThat(scope("perturb").applies("mm-safetybench", "text-only", false)).isFalse();
    assertThat(scope("multi-image").applies("figstep", "question", false)).isFalse();
  }

  @Test
  void undeclaredVariantsAreImageOrTextByTheCase() {
    AttackScope figstep = scope("figstep");
    // generic benchmarks (variants named in the config) and names carried in tables from elsewhere
    assertThat(figstep.applies("generic", "anything", false)).isTrue();
    assertThat(figstep.applies("generic", "anything", true)).isFalse();
    assertThat(figstep.applies("some-import", null, false)).isTrue();
    assertThat(scope("query-relevant").applies("some-import", null, true)).isTrue();
  }

  @Test
  void namedVariantsReplaceTheDefaultsWithinTheNamedBenchmarks() {
    AttackScope typo = scope("figstep", List.of("mm-safetybench"), List.of("SD"));
    assertThat(typo.applies("mm-safetybench", "SD", true)).isTrue();
    assertThat(typo.applies("mm-safetybench", "text-only", false)).isFalse();
    assertThat(typo.applies("figstep", "question", false)).isFalse();
  }

  @Test
  void loadersDeclareExactlyTheVariantsTheyEmit() {
    assertThat(dev.mmsafety.udf.ingest.Benchmarks.loader("mm-safetybench").variants().keySet())
        .containsExactlyElementsOf(dev.mmsafety.udf.ingest.loaders.MmSafetyBenchLoader.VARIANTS);
    assertThat(dev.mmsafety.udf.ingest.Benchmarks.loader("figstep").variants().keySet())
        .containsExactlyElementsOf(dev.mmsafety.udf.ingest.loaders.FigStepLoader.VARIANTS);
    assertThat(dev.mmsafety.udf.ingest.Benchmarks.loader("generic").variants()).isEmpty();
  }

  @Test
  void aVariantNoBenchmarkHasIsAConfigError() {
    AttackSpec bad = new AttackSpec("query-relevant", "qr", List.of("mm-safetybench"), null, null, List.of("sd"));
    assertThatThrownBy(() -> AttackScope.check(bad, List.of("mm-safetybench", "figstep")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot apply attack qr: variant 'sd' is not a variant of mm-safetybench"
            + " (mm-safetybench has SD, SD_TYPO, TYPO, text-only)");
    AttackSpec both = new AttackSpec("none", null, null, null, null, List.of("SD", "nope"));
    assertThatThrownBy(() -> AttackScope.check(both, List.of("mm-safetybench", "figstep")))
        .hasMessage("Cannot apply attack none: variant 'nope' is not a variant of any of its benchmarks"
            + " (mm-safetybench has SD, SD_TYPO, TYPO, text-only; figstep has figstep, question, steps-text)");
    assertThatNoException().isThrownBy(() -> AttackScope.check(both, List.of("mm-safetybench", "generic")));
    assertThatNoException().isThrownBy(() -> AttackScope.checkAll(
        List.of(new AttackSpec("figstep", null, null, null, null, List.of("question", "SD"))),
        List.of("mm-safetybench", "figstep")));
  }
}
