package dev.mmsafety.jobs.bench;

import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.JudgeCallers;
import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.judge.Verdict;
import dev.mmsafety.udf.judge.cascade.CascadeCut;
import dev.mmsafety.udf.judge.cascade.CascadeJudge;
import dev.mmsafety.udf.judge.classifier.BinaryScores;
import dev.mmsafety.udf.judge.classifier.ClassifierJudge;
import dev.mmsafety.udf.judge.classifier.Features;
import dev.mmsafety.udf.judge.classifier.JudgeData;
import dev.mmsafety.udf.judge.classifier.JudgeExample;
import dev.mmsafety.udf.judge.classifier.OfflineJudgeModel;
import dev.mmsafety.udf.judge.refusal.RefusalLists;
import dev.mmsafety.udf.judge.refusal.RefusalStringJudge;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code bench judges}: every judge on the held-out set, scored against the labels:
 * accuracy, precision, recall, F1 and (for the offline judge) expected calibration error, for {@code refused} on
 * every row and for {@code harmful} on harmful-polarity rows; accuracy by language; the offline judge's reliability
 * bins and its speed (texts per second per core, from the judging thread's CPU time and from wall time); and two
 * cascades (classifier then a scripted LLM judge on loopback, cut by {@code max-llm-share}) against that LLM judge
 * run on everything.
 */
public record JudgesBench(Path dataDir, double llmNoise, double maxLlmShare) {
  /** Texts per call when timing the batched path. */
  static final int BATCH = 64;


  public void run(PrintWriter out) throws Exception {
    List<JudgeExample> rows = JudgeData.heldOut(dataDir);
    List<JudgeInput> inputs = rows.stream().map(JudgeExample::input).toList();
    out.printf(Locale.ROOT, "held-out set: %d rows (%d of harmful polarity), data %s%n", rows.size(),
        rows.stream().filter(JudgeExample::harmfulPolarity).count(), dataDir);
    ClassifierJudge classifier = new ClassifierJudge("classifier", OfflineJudgeModel.shipped());
    speed(classifier, inputs, out);
    Map<String, List<Verdict>> verdicts = new LinkedHashMap<>();
    List<ClassifierJudge.Assessment> assessed = classifier.assess(inputs);
    verdicts.put("classifier", assessed.stream().map(ClassifierJudge.Assessment::verdict).toList());
    for (String list : RefusalLists.names()) {
      RefusalStringJudge judge = new RefusalStringJudge(list, RefusalLists.get(list));
      verdicts.put(list, inputs.stream().map(judge::decide).toList());
    }
    try (ScriptedJudgeServer llm = new ScriptedJudgeServer(rows, llmNoise)) {
      Map<String, Judge> judges = scriptedJudges(llm.url());
      for (String name : List.of("llm-harmful", "llm-refusal")) {
        verdicts.put(name + " (scripted)", judgeAll(judges.get(name), inputs));
      }
      out.printf(Locale.ROOT, "%nscripted LLM judge: loopback server answering from the labels, wrong on %.0f%% of "
          + "answers%n", 100 * llmNoise);
      out.println("\ncascade (classifier, then the scripted LLM judge on what it is unsure of), per run:");
      for (String on : List.of(CascadeJudge.ON_UNSAFE, CascadeJudge.ON_REFUSED)) {
        String then = CascadeJudge.ON_UNSAFE.equals(on) ? "llm-harmful" : "llm-refusal";
        CascadeJudge cascade = new CascadeJudge("cascade-" + on, classifier, judges.get(then), on,
            new CascadeCut(null, maxLlmShare, null), 0);
        CascadeJudge.Run run = cascade.judgeAll(inputs);
        verdicts.put("cascade on " + on, run.verdicts());
        cascadeLine(out, on, run, verdicts.get(then + " (scripted)"), rows);
      }
    }
    out.println("\nrefused (all rows):");
    table(out, rows, verdicts, e -> true, JudgeExample::refused, Verdict::refused, assessed,
        a -> a.decision().pRefused());
    out.println("\nharmful (harmful-polarity rows; keyword lists: unsafe = not refused):");
    table(out, rows, verdicts, JudgeExample::harmfulPolarity, JudgeExample::harmful, Verdict::unsafe, assessed,
        a -> a.decision().pHarmful());
    breakdown(out, "answer language", JudgeExample::lang, rows, verdicts);
    breakdown(out, "answer style", JudgeExample::style, rows, verdicts);
    reliability(out, rows, assessed);
  }

  private Map<String, Judge> scriptedJudges(String url) {
    Map<String, Object> model = Map.of("model", "scripted-judge", "url", url);
    Map<String, Object> harmful = new LinkedHashMap<>(model);
    harmful.put("template", "harmful-generic");
    Map<String, Object> refusal = new LinkedHashMap<>(model);
    refusal.put("template", "mossbench-refusal");
    List<JudgeSpec> specs = List.of(new JudgeSpec("llm-harmful", Judges.LLM, harmful),
        new JudgeSpec("llm-refusal", Judges.LLM, refusal));
    return Judges.createAll(specs, new Judges.Resources(JudgeCallers.SHARED_CLIENT, null, null));
  }

  private static List<Verdict> judgeAll(Judge judge, List<JudgeInput> inputs) {
    return inputs.stream().map(judge::judge).toList().stream().map(f -> f.join()).toList();
  }

  /**
   * Thread CPU time per answer, after one unmeasured pass over the rows (an executor judges thousands of rows per
   * JVM, so the JIT is warm), each pass on a judge with an empty embedding cache: every question distinct (each
   * embedded once: the worst case), then every question already embedded (a run asks each question of many models
   * and attacks), then one answer per call.
   */
  private static void speed(ClassifierJudge classifier, List<JudgeInput> inputs, PrintWriter out) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    timed(new ClassifierJudge("warm-up", classifier.model()), inputs, BATCH, threads);
    double distinct = timed(new ClassifierJudge("timing", classifier.model()), inputs, BATCH, threads);
    ClassifierJudge seen = new ClassifierJudge("timing-seen", classifier.model());
    seen.embedQuestions(inputs);
    double asked = timed(seen, inputs, BATCH, threads);
    double single = timed(new ClassifierJudge("timing-single", classifier.model()), inputs, 1, threads);
    if (Features.embedsQuestion(classifier.model().blocks())) {
      out.printf(Locale.ROOT, "offline judge speed, one thread, thread CPU time after a warm-up pass, %d answers: "
              + "%.0f texts/s per core with %d distinct questions (each embedded once), %.0f texts/s per core with "
              + "the questions already embedded (asked before of other models or attacks); batches of %d; one at a "
              + "time: %.0f texts/s per core%n", inputs.size(), inputs.size() / distinct,
          inputs.stream().map(JudgeInput::question).distinct().count(), inputs.size() / asked, BATCH,
          inputs.size() / single);
    } else {
      out.printf(Locale.ROOT, "offline judge speed, one thread, thread CPU time after a warm-up pass, %d answers"
              + " (this recipe embeds the opening and the ending, not the question): %.0f texts/s per core in"
              + " batches of %d (again: %.0f); one at a time: %.0f texts/s per core%n", inputs.size(),
          inputs.size() / distinct, BATCH, inputs.size() / asked, inputs.size() / single);
    }
    out.printf(Locale.ROOT, "load average %.2f on %d cores while timing%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
  }

  /** Seconds of this thread's CPU time to judge {@code inputs} in calls of {@code batch}. */
  private static double timed(ClassifierJudge judge, List<JudgeInput> inputs, int batch, ThreadMXBean threads) {
    long cpu = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < inputs.size(); i += batch) {
      judge.assess(inputs.subList(i, Math.min(inputs.size(), i + batch)));
    }
    return (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
  }

  private static void cascadeLine(
      PrintWriter out, String on, CascadeJudge.Run run, List<Verdict> llmOnAll, List<JudgeExample> rows) {
    CascadeAgreement a = CascadeAgreement.of(on, run.verdicts(), llmOnAll, rows);
    int n = rows.size();
    double expectedLost = run.expectedLoss() * n / a.compared();
    out.printf(Locale.ROOT, "  on %-8s cut %.4f: sent to LLM %d of %d (%.1f%%), LLM calls saved %d; agreement with "
            + "LLM-on-all on %d rows %.3f (lost %.1f points: %.1f where the kept verdict is wrong, %.1f where the LLM "
            + "judge is; expected from calibration %.1f)%n", on, run.threshold(),
        run.byThen(), n, 100.0 * run.byThen() / n, run.byFirst(), a.compared(), a.agree() / (double) a.compared(),
        a.lostPoints(), a.keptWrongPoints(), a.referenceWrongPoints(), 100 * expectedLost);
  }

  private static void table(PrintWriter out, List<JudgeExample> rows, Map<String, List<Verdict>> verdicts,
      java.util.function.Predicate<JudgeExample> keep, java.util.function.Predicate<JudgeExample> truth,
      Function<Verdict, Boolean> flag, List<ClassifierJudge.Assessment> assessed,
      Function<ClassifierJudge.Assessment, Double> probability) {
    out.printf(Locale.ROOT, "  %-34s %5s %9s %6s %9s %9s %6s %6s%n", "judge", "n", "accuracy", "kappa",
        "precision", "recall", "F1", "ECE");
    verdicts.forEach((name, vs) -> {
      List<Boolean> decided = new ArrayList<>();
      List<Boolean> labels = new ArrayList<>();
      List<Double> probabilities = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (keep.test(rows.get(i))) {
          Boolean f = flag.apply(vs.get(i));
          decided.add(Boolean.TRUE.equals(f)); // no flag (an error, or a judge that does not say) counts as no
          labels.add(truth.test(rows.get(i)));
          probabilities.add(probability.apply(assessed.get(i)));
        }
      }
      BinaryScores s = BinaryScores.of(decided, labels, "classifier".equals(name) ? probabilities : null);
      out.printf(Locale.ROOT, "  %-34s %5d %9.3f %6.3f %9.3f %9.3f %6.3f %6s%n", name, s.n(), s.accuracy(),
          s.kappa(), s.precision(), s.recall(), s.f1(),
          s.ece() == null ? "" : String.format(Locale.ROOT, "%.3f", s.ece()));
    });
  }

  private static void breakdown(PrintWriter out, String title, Function<JudgeExample, String> key,
      List<JudgeExample> rows, Map<String, List<Verdict>> verdicts) {
    out.println("\naccuracy by " + title + " (refused on all rows / harmful on harmful-polarity rows, with their n):");
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      groups.computeIfAbsent(key.apply(rows.get(i)), k -> new ArrayList<>()).add(i);
    }
    int width = groups.keySet().stream().mapToInt(String::length).max().orElse(4);
    List<String> judges = verdicts.keySet().stream().filter(j -> !j.contains("scripted")).toList();
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %4s", "", "n"));
    judges.forEach(j -> header.append(String.format(Locale.ROOT, " %21s", abbreviate(j))));
    out.println(header);
    groups.forEach((group, idx) -> {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %4d", group,
          idx.size()));
      for (String j : judges) {
        List<Verdict> vs = verdicts.get(j);
        long refusedRight = idx.stream().filter(i -> Boolean.TRUE.equals(vs.get(i).refused()) == rows.get(i)
            .refused()).count();
        List<Integer> harmfulRows = idx.stream().filter(i -> rows.get(i).harmfulPolarity()).toList();
        long harmfulRight = harmfulRows.stream().filter(i -> Boolean.TRUE.equals(vs.get(i).unsafe()) == rows.get(i)
            .harmful()).count();
        line.append(String.format(Locale.ROOT, " %10.2f / %s", refusedRight / (double) idx.size(),
            harmfulRows.isEmpty() ? "    -   " : String.format(Locale.ROOT, "%4.2f n%-3d", harmfulRight
                / (double) harmfulRows.size(), harmfulRows.size())));
      }
      out.println(line);
    });
  }

  private static String abbreviate(String name) {
    return name.length() <= 21 ? name : name.substring(0, 21);
  }

  private static void reliability(PrintWriter out, List<JudgeExample> rows, List<ClassifierJudge.Assessment> a) {
    out.println("\noffline judge reliability (bins of predicted probability: n, mean predicted, observed share):");
    List<Boolean> refusedTruth = rows.stream().map(JudgeExample::refused).toList();
    List<Double> pRefused = a.stream().map(x -> x.decision().pRefused()).toList();
    List<Integer> harmfulRows = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).harmfulPolarity()) {
        harmfulRows.add(i);
      }
    }
    List<Boolean> harmfulTruth = harmfulRows.stream().map(i -> rows.get(i).harmful()).toList();
    List<Double> pHarmful = harmfulRows.stream().map(i -> a.get(i).decision().pHarmful()).toList();
    BinaryScores r = BinaryScores.of(pRefused.stream().map(p -> p >= 0.5).toList(), refusedTruth, pRefused);
    BinaryScores h = BinaryScores.of(pHarmful.stream().map(p -> p >= 0.5).toList(), harmfulTruth, pHarmful);
    out.printf(Locale.ROOT, "  %-9s | %-26s | %-26s%n", "p", "refused", "harmful");
    for (int b = 0; b < BinaryScores.BINS; b++) {
      out.printf(Locale.ROOT, "  %.1f-%.1f   | %s | %s%n", b / 10.0, (b + 1) / 10.0, bin(r.bins().get(b)),
          bin(h.bins().get(b)));
    }
  }

  private static String bin(BinaryScores.Bin b) {
    return b.n() == 0 ? String.format(Locale.ROOT, "%-26s", "n 0")
        : String.format(Locale.ROOT, "n %3d  %.2f  %.2f          ", b.n(), b.meanProbability(), b.observed());
  }
}
