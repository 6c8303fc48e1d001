package dev.mmsafety.jobs.bench;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.metrics.Agreement;
import dev.mmsafety.udf.metrics.Interval;
import dev.mmsafety.udf.metrics.McNemar;
import dev.mmsafety.udf.metrics.MetricSpec;
import dev.mmsafety.udf.metrics.Wilson;
import dev.mmsafety.udf.report.ImageLinks;
import dev.mmsafety.udf.report.Redaction;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.SampleStrata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's input for {@code responses} synthetic responses, built in memory without Spark or the metrics
 * job, so {@code bench report} measures the page rather than the pipeline: the same made-up run as the tables
 * {@link ReportBench} writes with {@code --via-jobs} (4 models, two simulated, x 2 defenses x 5 attacks x 5
 * benchmarks, two judges, answers of 20 to 1,500 characters, some holding markup), aggregated into the rows the
 * report shows (Wilson intervals, McNemar, judge agreement) and sampled by the sample browser's own rule
 * ({@link SampleStrata}).
 */
final class SyntheticReportData {
  static final String[] MODELS = {"sim-a", "sim-b", "real-a", "real-b"};
  static final String[] DEFENSES = {"none", "shield"};
  static final String[] ATTACKS = {"none", "figstep", "jailbreak-template", "qr", "perturb"};
  static final String[] BENCHMARKS = {"figstep", "mm-safetybench", "jailbreakv-28k", "mossbench", "xstest"};
  static final String[] JUDGES = {"strings", "llm"};
  static final String[] CATEGORIES = {"violent_crimes", "fraud_deception", "cybercrime", "privacy", "self_harm",
      "weapons", "hate_discrimination", "sexual_content", "specialized_advice", "other"};
  private static final String MARKUP = "</script><script>document.title=1</script><img src=x onerror=alert(1)>";

  private SyntheticReportData() {}

  /** One response with both judges' verdicts (null flags: the call failed, the verdicts are skipped). */
  private record Response(
      long c, String responseId, String model, String defense, String attack, String benchmark, String variant,
      String category, String polarity, String status, String text, Boolean[] unsafe, Boolean[] refused) {
    boolean ok() {
      return "ok".equals(status);
    }

    String caseId() {
      return benchmark + ":" + variant + ":" + c;
    }
  }

  static ReportData build(long responses, String runId, String runDate, String root) {
    long probes = responses / (MODELS.length * DEFENSES.length);
    long cases = Math.max(1, probes / ATTACKS.length);
    List<Response> all = new ArrayList<>();
    for (long c = 0; c < cases; c++) {
      for (String attack : ATTACKS) {
        for (String model : MODELS) {
          for (String defense : DEFENSES) {
            all.add(response(c, attack, model, defense));
          }
        }
      }
    }
    return ReportData.builder(runId, runDate)
        .simulatedModels(List.of("sim-a", "sim-b"))
        .redacted(true)
        .inventory(inventory(cases))
        .headline(headline(all))
        .heatmap(heatmap(all))
        .defenseDeltas(deltas(all))
        .overRefusal(overRefusal(all))
        .agreement(agreement(all))
        .rejects(new ReportData.Rejects(0, List.of(), List.of()))
        .samples(samples(all, root))
        .build();
  }

  private static Response response(long c, String attack, String model, String defense) {
    String benchmark = BENCHMARKS[(int) (c % 5)];
    String polarity = benchmark.equals("mossbench") || (benchmark.equals("xstest") && c % 2 == 0) ? "benign"
        : "harmful";
    String responseId = Hashing.sha256Hex(benchmark, String.valueOf(c), attack, model, defense).substring(0, 16);
    int u = Math.floorMod(responseId.hashCode(), 1000);
    String status = u < 8 ? "server_error" : "ok";
    // Attacks other than none and no defense make unsafe answers likelier, as in the survey.
    boolean truthUnsafe = polarity.equals("harmful")
        && u % 100 < (attack.equals("none") ? 15 : 45) - (defense.equals("shield") ? 10 : 0);
    boolean truthRefused = !truthUnsafe && (polarity.equals("harmful") || u % 100 >= 85);
    String text = !status.equals("ok") ? null
        : truthUnsafe ? "Sure, here is how. " + "Step with made-up details. ".repeat(1 + u % 60)
            + (u % 97 == 0 ? MARKUP : "")
        : truthRefused ? "I cannot help with that request."
        : "Here is a helpful answer. " + "More helpful text. ".repeat(1 + u % 40);
    Boolean[] unsafe = new Boolean[JUDGES.length];
    Boolean[] refused = new Boolean[JUDGES.length];
    if (status.equals("ok")) {
      for (int j = 0; j < JUDGES.length; j++) {
        boolean flip = j == 0 && Math.floorMod((responseId + JUDGES[j]).hashCode(), 10) == 0;
        unsafe[j] = truthUnsafe != flip;
        refused[j] = truthRefused != flip;
      }
    }
    return new Response(c, responseId, model, defense, attack, benchmark, "v" + c % 3,
        CATEGORIES[(int) ((c / 5) % 10)], polarity, status, text, unsafe, refused);
  }

  private static ReportData.Inventory inventory(long cases) {
    Map<String, long[]> byVariant = new TreeMap<>();
    for (long c = 0; c < cases; c++) {
      String benchmark = BENCHMARKS[(int) (c % 5)];
      boolean benign = benchmark.equals("mossbench") || (benchmark.equals("xstest") && c % 2 == 0);
      byVariant.computeIfAbsent(benchmark + "|v" + c % 3, k -> new long[2])[benign ? 1 : 0]++;
    }
    List<ReportData.DatasetRow> datasets = new ArrayList<>();
    byVariant.forEach((k, n) -> datasets.add(new ReportData.DatasetRow(k.split("\\|")[0], k.split("\\|")[0],
        k.split("\\|")[1], n[0], n[1])));
    List<ReportData.ComponentRow> attacks = new ArrayList<>();
    for (String a : ATTACKS) {
      attacks.add(new ReportData.ComponentRow(a, a, "{}", "all", cases));
    }
    List<ReportData.ComponentRow> defenses = new ArrayList<>();
    for (String d : DEFENSES) {
      defenses.add(new ReportData.ComponentRow(d, d, "{}", "all", cases * ATTACKS.length * MODELS.length));
    }
    List<ReportData.ModelRow> models = new ArrayList<>();
    for (String m : MODELS) {
      models.add(new ReportData.ModelRow(m, m, List.of(m.startsWith("sim") ? "s" : "gpu"), m.startsWith("sim"),
          "{}", cases * ATTACKS.length * DEFENSES.length));
    }
    return new ReportData.Inventory(datasets, attacks, defenses,
        List.of(new ReportData.JudgeRow("strings", "refusal-strings", "{}", List.of("template-strings")),
            new ReportData.JudgeRow("llm", "llm", "{}", List.of("template-llm"))),
        models);
  }

  /** Counts n (ok verdicts), k (flag set) and errors of one cell. */
  private static final class Cell {
    long n;
    long k;
    long errors;

    void add(Boolean flag) {
      if (flag == null) {
        errors++;
      } else {
        n++;
        k += flag ? 1 : 0;
      }
    }

    ReportData.Rate rate() {
      Interval ci = Wilson.interval95(k, n);
      return new ReportData.Rate(n, k, Wilson.rate(k, n), ci == null ? null : ci.low(), ci == null ? null : ci.high());
    }
  }

  private static List<ReportData.HeadlineRate> headline(List<Response> all) {
    Map<List<String>, Cell> cells = new TreeMap<>(Comparator.comparing(Object::toString));
    for (Response r : all) {
      if (!r.defense().equals("none")) {
        continue;
      }
      String metric = r.polarity().equals("harmful") ? MetricSpec.ASR : MetricSpec.OVER_REFUSAL_RATE;
      for (int j = 0; j < JUDGES.length; j++) {
        Boolean flag = metric.equals(MetricSpec.ASR) ? r.unsafe()[j] : r.refused()[j];
        for (String dataset : List.of(r.benchmark(), ReportData.POOLED)) {
          cells.computeIfAbsent(List.of(r.model(), JUDGES[j], dataset, r.attack(), metric), k -> new Cell()).add(flag);
        }
      }
    }
    List<ReportData.HeadlineRate> out = new ArrayList<>();
    cells.forEach((k, c) -> out.add(new ReportData.HeadlineRate(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4),
        c.rate(), c.errors, 0)));
    return out;
  }

  private static List<ReportData.HeatCell> heatmap(List<Response> all) {
    Map<List<String>, Cell> cells = new TreeMap<>(Comparator.comparing(Object::toString));
    for (Response r : all) {
      if (r.defense().equals("none") && r.polarity().equals("harmful")) {
        for (int j = 0; j < JUDGES.length; j++) {
          cells.computeIfAbsent(List.of(r.model(), JUDGES[j], r.category(), r.attack()), k -> new Cell())
              .add(r.unsafe()[j]);
        }
      }
    }
    List<ReportData.HeatCell> out = new ArrayList<>();
    cells.forEach((k, c) -> out.add(new ReportData.HeatCell(k.get(0), k.get(1), k.get(2), k.get(3), c.rate())));
    return out;
  }

  private static List<ReportData.OverRefusal> overRefusal(List<Response> all) {
    Map<List<String>, Cell> cells = new TreeMap<>(Comparator.comparing(Object::toString));
    for (Response r : all) {
      if (r.polarity().equals("benign")) {
        for (int j = 0; j < JUDGES.length; j++) {
          cells.computeIfAbsent(List.of(r.model(), JUDGES[j], r.defense()), k -> new Cell()).add(r.refused()[j]);
        }
      }
    }
    List<ReportData.OverRefusal> out = new ArrayList<>();
    cells.forEach((k, c) -> out.add(new ReportData.OverRefusal(k.get(0), k.get(1), k.get(2), c.rate())));
    return out;
  }

  /** Paired deltas of shield against none per model and judge: ASR on harmful, over-refusal on benign probes. */
  private static List<ReportData.DefenseDelta> deltas(List<Response> all) {
    Map<String, Response> undefended = new LinkedHashMap<>();
    for (Response r : all) {
      if (r.defense().equals("none")) {
        undefended.put(r.caseId() + "|" + r.attack() + "|" + r.model(), r);
      }
    }
    Map<List<String>, long[]> pairs = new TreeMap<>(Comparator.comparing(Object::toString)); // n, k_d, k_n, b, c
    for (Response d : all) {
      Response b = undefended.get(d.caseId() + "|" + d.attack() + "|" + d.model());
      if (d.defense().equals("none") || b == null || !d.ok() || !b.ok()) {
        continue;
      }
      boolean harmful = d.polarity().equals("harmful");
      for (int j = 0; j < JUDGES.length; j++) {
        boolean withDefense = harmful ? d.unsafe()[j] : d.refused()[j];
        boolean without = harmful ? b.unsafe()[j] : b.refused()[j];
        long[] p = pairs.computeIfAbsent(List.of(d.model(), JUDGES[j], d.defense(),
            harmful ? MetricSpec.ASR_DELTA : MetricSpec.OVER_REFUSAL_DELTA), k -> new long[5]);
        p[0]++;
        p[1] += withDefense ? 1 : 0;
        p[2] += without ? 1 : 0;
        p[3] += without && !withDefense ? 1 : 0;
        p[4] += withDefense && !without ? 1 : 0;
      }
    }
    List<ReportData.DefenseDelta> out = new ArrayList<>();
    pairs.forEach((k, p) -> {
      McNemar.Result test = McNemar.test(p[3], p[4]);
      out.add(new ReportData.DefenseDelta(k.get(0), k.get(1), k.get(2), k.get(3), p[0],
          p[0] == 0 ? null : (double) (p[1] - p[2]) / p[0], test.pValue(), test.method()));
    });
    return out;
  }

  private static List<ReportData.AgreementRow> agreement(List<Response> all) {
    Map<List<String>, Agreement> byModel = new TreeMap<>(Comparator.comparing(Object::toString));
    for (Response r : all) {
      if (!r.ok()) {
        continue;
      }
      byModel.merge(List.of(r.model(), "unsafe"), Agreement.EMPTY.plus(r.unsafe()[0], r.unsafe()[1]),
          SyntheticReportData::sum);
      byModel.merge(List.of(r.model(), "refused"), Agreement.EMPTY.plus(r.refused()[0], r.refused()[1]),
          SyntheticReportData::sum);
    }
    List<ReportData.AgreementRow> out = new ArrayList<>();
    byModel.forEach((k, a) -> out.add(new ReportData.AgreementRow(k.get(0), "llm", "strings", k.get(1), a.n(),
        a.agreement(), a.kappa(), null, null, null, 0)));
    return out;
  }

  private static Agreement sum(Agreement a, Agreement b) {
    return new Agreement(a.tp() + b.tp(), a.fp() + b.fp(), a.fn() + b.fn(), a.tn() + b.tn());
  }

  /** The sample browser's rows, by its rule: the lowest response ids of every stratum, K per stratum. */
  private static ReportData.SampleSet samples(List<Response> all, String root) {
    Map<String, List<Response>> strata = new TreeMap<>();
    for (Response r : all) {
      long ok = r.ok() ? JUDGES.length : 0;
      boolean anyUnsafe = r.ok() && (r.unsafe()[0] || r.unsafe()[1]);
      boolean anyRefused = r.ok() && (r.refused()[0] || r.refused()[1]);
      boolean disagreement = r.ok() && (!r.unsafe()[0].equals(r.unsafe()[1]) || !r.refused()[0].equals(r.refused()[1]));
      String key = String.join("|", r.model(), r.benchmark(), r.attack(), r.defense(),
          SampleStrata.outcome(ok, anyUnsafe, anyRefused), String.valueOf(disagreement));
      strata.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    int perCell = SampleStrata.perCell(strata.values().stream().map(l -> (long) l.size()).toList(),
        SampleStrata.MAX_PER_CELL, SampleStrata.CAP);
    List<ReportData.Sample> out = new ArrayList<>();
    for (Map.Entry<String, List<Response>> e : strata.entrySet()) {
      String[] key = e.getKey().split("\\|");
      e.getValue().stream().sorted(Comparator.comparing(Response::responseId)).limit(perCell)
          .forEach(r -> out.add(sample(r, key[4], Boolean.parseBoolean(key[5]), root)));
      if (out.size() >= SampleStrata.CAP) {
        break;
      }
    }
    return new ReportData.SampleSet(all.size(), perCell, SampleStrata.CAP, out);
  }

  private static ReportData.Sample sample(Response r, String outcome, boolean disagreement, String root) {
    boolean anyUnsafe = r.ok() && (r.unsafe()[0] || r.unsafe()[1]);
    Redaction.Answer answer = Redaction.answer(r.text(), r.text() == null ? null : Hashing.sha256Hex(r.text()),
        r.polarity(), anyUnsafe, true);
    List<ReportData.Image> images = r.attack().equals("figstep") || r.attack().equals("qr")
        ? List.of(ImageLinks.link(root, root + "/images/sha256/" + r.responseId().substring(0, 2) + "/"
            + r.responseId() + ".png"))
        : List.of();
    List<ReportData.Verdict> verdicts = new ArrayList<>();
    for (int j = 0; j < JUDGES.length; j++) {
      Boolean unsafe = r.unsafe()[j];
      Boolean refused = r.refused()[j];
      verdicts.add(new ReportData.Verdict(JUDGES[j], r.ok() ? "ok" : "skipped",
          unsafe == null ? null : unsafe ? "unsafe" : refused ? "refusal" : "compliance", refused, unsafe,
          refused != null && refused ? "model" : null, "synthetic verdict of " + JUDGES[j]));
    }
    String note = !r.ok() && answer.text() == null ? "No answer: the call ended with status " + r.status() + "."
        : answer.note();
    String prompt = "Synthetic case " + r.c() + ": "
        + "how would someone do the thing described here? ".repeat((int) (1 + r.c() % 6));
    return new ReportData.Sample(r.responseId(), r.caseId(), r.model(), r.benchmark(), r.benchmark(), r.variant(),
        r.category(), r.attack(), r.defense(), r.polarity(), r.model().startsWith("sim"), outcome, disagreement,
        r.status(), prompt, images, answer.text(), answer.covered(), answer.chars(), note, verdicts, Map.of());
  }
}
