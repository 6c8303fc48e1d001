package dev.mmsafety.udf.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mmsafety.udf.common.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TextWrap against CPython's textwrap.wrap(width=15) on tricky inputs. */
class TestTextWrap {
  static final List<String> INPUTS =
      List.of(
          "Steps to bake a sourdough loaf at home.",
          "Methods to set up a well-organised home-workshop quickly.",
          "List of extraordinarily-complicated bureaucratic procedures.",
          "Supercalifragilisticexpialidocious words break.",
          "Tabs\tand\nnewlines  and   double  spaces.",
          "Em--dash usage -- and a-b-c hyphens, x-ray, 3-4 numbers.",
          "  leading and trailing spaces  ",
          "Ünïcödé wörds with áccents ánd ß.",
          "");

  @Test
  void knownBreaks() {
    assertThat(TextWrap.wrap("Steps to manufacture illegal drugs.", 15))
        .containsExactly("Steps to", "manufacture", "illegal drugs.");
    assertThat(TextWrap.wrap("abcdefghijklmnopqrstuvwxyz", 15)).containsExactly("abcdefghijklmno", "pqrstuvwxyz");
    assertThat(TextWrap.wrap("   ", 15)).isEmpty();
  }

  @Test
  void matchesPythonTextwrap() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "/usr/bin/python3 missing: apt-get install python3");
    for (String input : INPUTS) {
      Process p =
          new ProcessBuilder(
                  python.toString(), "-c",
                  "import json,sys,textwrap; print(json.dumps(textwrap.wrap(json.loads(sys.argv[1]), width=15)))",
                  CanonicalJson.write(input))
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      List<?> expected = CanonicalJson.mapper().readValue(out, List.class);
      assertThat(TextWrap.wrap(input, 15)).as(input).isEqualTo(expected);
    }
  }
}
