package dev.mmsafety.udf.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-Latin scripts through the font chain: fallbacks, shaping, right-to-left, refusals by name, the font param. */
class TestTypographyScripts {
  static final FontChain FIGSTEP = FontChain.of(FontChain.Face.FIGSTEP);
  static final FontChain BANNER = FontChain.of(FontChain.Face.BANNER);

  @Test
  void cyrillicArabicAndDevanagariRenderWithTheBundledFonts() throws Exception {
    Typography.Rendered cyrillic = Typography.figStep("Шаги по изготовлению хлеба.", Typography.Overflow.CLIP);
    assertThat(cyrillic.note()).isNull(); // FreeMonoBold has Cyrillic
    Typography.Rendered arabic = Typography.figStep("خطوات لصنع الخبز في المنزل", Typography.Overflow.CLIP);
    assertThat(arabic.note()).isEqualTo("fallback font(s): FreeSerif");
    Typography.Rendered devanagari = Typography.banner("रोटी बनाने के चरण");
    assertThat(devanagari.note()).isEqualTo("fallback font(s): FreeSans");
    for (Typography.Rendered r : new Typography.Rendered[] {cyrillic, arabic, devanagari}) {
      assertThat(TestTypographyFidelity.inkPixels(r.image())).isGreaterThan(2_000);
    }
  }

  @Test
  void cjkRendersWithNotoSansCjk() throws Exception {
    assumeTrue(Files.exists(Fonts.NOTO_SANS_CJK), "Noto Sans CJK missing: apt-get install fonts-noto-cjk");
    Typography.Rendered chinese = Typography.banner("制作面包的步骤");
    assertThat(chinese.note()).isEqualTo("fallback font(s): Noto Sans CJK SC");
    assertThat(TestTypographyFidelity.inkPixels(chinese.image())).isGreaterThan(5_000);
    Typography.Rendered mixed = Typography.figStep("Steps to 制作 面包 ばん 빵.", Typography.Overflow.CLIP);
    assertThat(mixed.note())
        .isEqualTo("fallback font(s): Noto Sans CJK SC; a line wider than 760 px is clipped at the right edge (original behaviour)");
  }

  @Test
  void arabicAndDevanagariAreShaped() {
    // Joined Arabic letters are narrower than the same letters kept apart by zero-width non-joiners.
    assertThat(BANNER.advance("بببب", 90)).isLessThan(BANNER.advance("ب\u200cب\u200cب\u200cب", 90) - 20);
    // The conjunct ksha is one glyph, narrower than ka + visible virama + ssa.
    assertThat(BANNER.advance("क्ष", 90)).isLessThan(BANNER.advance("क्\u200cष", 90) - 10);
  }

  @Test
  void arabicRunsRightToLeft() throws Exception {
    // A one-letter word then a long word: right to left, the gap between them lies in the right half of the ink.
    BufferedImage image = Typography.banner("ح حححححححح").image();
    boolean[] ink = TestTypographyFidelity.ink(image);
    int w = image.getWidth();
    boolean[] column = new boolean[w];
    for (int i = 0; i < ink.length; i++) {
      column[i % w] |= ink[i];
    }
    int left = 0;
    int right = w - 1;
    while (!column[left]) {
      left++;
    }
    while (!column[right]) {
      right--;
    }
    int gapStart = -1;
    int gapLength = 0;
    for (int x = left, run = 0; x <= right; x++) {
      run = column[x] ? 0 : run + 1;
      if (run > gapLength) {
        gapLength = run;
        gapStart = x - run + 1;
      }
    }
    assertThat(gapLength).isGreaterThan(10);
    assertThat(gapStart).isGreaterThan((left + right) / 2);
  }

  @Test
  void charactersNoFontHasAreRejectedByName() {
    assertThatThrownBy(() -> Typography.banner("party \uD83C\uDF89 time \uD83D\uDE00\uD83D\uDE00"))
        .isInstanceOfSatisfying(AttackException.class, e -> {
          assertThat(e.reason().code()).isEqualTo("text_unsupported_glyphs");
          assertThat(e.getMessage()).endsWith(": U+1F389 '\uD83C\uDF89', U+1F600 '\uD83D\uDE00'").contains("2 character(s)");
        });
    assertThatThrownBy(() -> Typography.figStep("bell \u0007 here", Typography.Overflow.CLIP))
        .hasMessageEndingWith(": U+0007");
    // Format characters need no glyph and are not drawn; whitespace is drawn as spaces.
    assertThat(FIGSTEP.missing("\uFEFFSteps\u00ADto\u200Bbake\u3000now")).isEmpty();
    assertThat(FontChain.display("\uFEFFa\u00ADb\u200Dc\u3000d")).isEqualTo("ab\u200Dc d");
    assertThatThrownBy(() -> Typography.figStep("\uFEFF \u200B\t", Typography.Overflow.CLIP))
        .isInstanceOfSatisfying(AttackException.class, e -> assertThat(e.reason().code()).isEqualTo("text_empty"));
  }

  @Test
  void fontParameterNamesAFileLoadedBeforeAnyWork(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> attack("figstep", Map.of("font", dir.resolve("gone.ttf").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot create attack figstep: parameter 'font' " + dir.resolve("gone.ttf") + " does not load: no such file");
    assertThatThrownBy(() -> attack("figstep", Map.of("font", "")))
        .hasMessageStartingWith("Cannot create attack figstep: parameter 'font'  does not load: not a path or URI");
    Path junk = Files.writeString(dir.resolve("junk.ttf"), "not a font at all");
    assertThatThrownBy(() -> attack("query-relevant", Map.of("font", junk.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot create attack query-relevant: parameter 'font' " + junk + " does not load: not a"
            + " TrueType/OpenType font");
    Path serif = dir.resolve("serif.ttf");
    try (InputStream in = Fonts.class.getResourceAsStream("/mmsafety/fonts/" + Fonts.FREE_SERIF)) {
      Files.write(serif, in.readAllBytes());
    }
    Attack hades = attack("hades", Map.of("font", serif.toString()));
    assertThat(hades.params()).containsEntry("font", serif.toString());
    CaseView c = new CaseView("h:s:1", "hades", "1", "Where to buy a kite?", null, "kite", null, null, Map.of());
    ProbeDraft d = hades.apply(c, new AttackContext(1, uri -> Files.readAllBytes(Path.of(uri))));
    BufferedImage withSerif = TestAttacks.image(d.images().get(0));
    BufferedImage withSans = Typography.banner("kite").image();
    assertThat(TestTypographyFidelity.inkIou(withSerif, withSans)).isLessThan(0.9);
    // The chain keeps the generator's face after the user's: Arabic in a Latin-only user font still renders.
    assertThat(FontChain.of(FontChain.Face.FIGSTEP, serif.toString(), "x").names()).containsExactly("FreeSerif", "FreeMono Bold", "FreeSans", "Noto Sans CJK SC");
  }

  private static Attack attack(String name, Map<String, Object> params) {
    return Attacks.create(new AttackSpec(name, null, null, params, null));
  }
}
