package dev.mmsafety.udf.judge.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Counting from the first characters finds what find() finds, on every labelled answer and on edge cases. */
class TestFirstChars {
  @Test
  void countsEqualFindOnEveryLabelledAnswer() {
    List<String> texts = new ArrayList<>();
    var dir = JudgeData.locate();
    for (JudgeExample e : concat(JudgeData.train(dir), JudgeData.heldOut(dir))) {
      String folded = RefusalCues.fold(e.answer() == null ? "" : e.answer());
      texts.add(folded);
      texts.add(RefusalCues.fold(AnswerText.opening(e.answer())));
      texts.add(RefusalCues.fold(AnswerText.ending(e.answer())));
    }
    texts.addAll(List.of("", "i can't stress this enough. i can't help.", "sure\n1. first\n# title", "x1. y",
        "a 1000 words essay, 250 words\n[insert steps here] <steps 1-3> [...]", "todo: x; atodo", "988",
        "abc\n\nsure, here is", "instead of that; alternatively"));
    int hits = 0;
    for (Pattern p : RefusalCues.all()) {
      FirstChars counter = FirstChars.of(p);
      for (String t : texts) {
        int expected = findCount(p, t);
        hits += expected;
        assertEquals(expected, counter.count(t), p.pattern().substring(0, 20) + " on: " + t);
      }
    }
    assertTrue(hits > 1000, "the texts exercise the patterns: " + hits);
  }

  @Test
  void theCueListsHaveKnownFirstCharacters() {
    for (Pattern p : RefusalCues.all()) {
      if (p != RefusalCues.IMAGE_OPENER) { // starts with an optional group: counted by find()
        assertTrue(FirstChars.of(p).known(), p.pattern().substring(0, 20));
      }
    }
    assertFalse(FirstChars.of(RefusalCues.IMAGE_OPENER).known());
  }

  @Test
  void unknownFormsFallBackToFind() {
    for (String r : List.of("(?:a)?b", "[ab]c", ".x", "a|", "(?=a)a", "\\wx", "a*b", "x{0,2}y")) {
      Pattern p = Pattern.compile(r);
      FirstChars counter = FirstChars.of(p);
      assertFalse(counter.known(), r);
      assertEquals(findCount(p, "ab acb xy ac b"), counter.count("ab acb xy ac b"), r);
    }
  }

  private static int findCount(Pattern p, String s) {
    Matcher m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static List<JudgeExample> concat(List<JudgeExample> a, List<JudgeExample> b) {
    List<JudgeExample> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
