package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;

import dev.mmsafety.jobs.metrics.ValidationRows;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.JudgeAgreementTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.metrics.HumanLabels;
import dev.mmsafety.udf.metrics.JudgeValidation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * {@code judge validate}: imports a human-labelled answers file with {@link ImportResponsesJob} (the same reading,
 * field mapping and rejects), runs the judges over those answers with {@link JudgeResponsesJob}, and compares every
 * judge with the human majority on refused and unsafe, per category ({@link JudgeValidation}), writing the
 * validation rows of {@code judge_agreement} (model ALL). Only labels, verdicts and counts reach the driver: a
 * labels file is hundreds or thousands of answers.
 */
public final class ValidateJudgesJob extends StageJob<ValidateJudgesJob> {
  public static final String JOB_GROUP = "VALIDATE-JUDGES";
  private static final List<String> DECISIONS = List.of(HumanLabels.REFUSED, HumanLabels.UNSAFE);

  private ImportResponsesJob labels;
  private List<JudgeSpec> judges;

  ValidateJudgesJob(RunContext context) {
    super(context);
  }

  /** The labels file, as an import job of this context (file, format, fields, decision...). */
  public ValidateJudgesJob labels(ImportResponsesJob importJob) {
    return set(() -> labels = importJob);
  }

  /** The judges to validate; default all of the config. */
  public ValidateJudgesJob judges(List<JudgeSpec> specs) {
    return set(() -> judges = List.copyOf(specs));
  }

  public Result execute() {
    if (labels == null) {
      throw new ConfigException("Cannot validate judges: no labels file given");
    }
    IngestCasesJob.Result imported = labels.execute();
    // Imported answers have cases (question, context, image) but no probes.
    JudgeResponsesJob judge = EvalJobs.get(context).judgeResponses()
        .input(context.tables().readRun(ResponsesTable.INSTANCE, context.runId()))
        .cases(context.tables().readRun(CasesTable.INSTANCE, context.runId()));
    JudgeResponsesJob.Result judged = (judges != null ? judge.judges(judges) : judge).execute();
    return context.inJobGroup(JOB_GROUP, "validate judges against human labels", () -> {
      List<JudgeValidation.LabelledAnswer> answers = answers();
      List<Row> verdicts = context.tables().readRun(JudgmentsTable.INSTANCE, context.runId())
          .select(col(SharedColumns.JUDGE.name()), col(SharedColumns.RESPONSE_ID.name()), col("status"),
              col(JudgmentsTable.REFUSED.name()), col(JudgmentsTable.UNSAFE.name()), col(SharedColumns.SIMULATOR.name()))
          .collectAsList();
      Set<String> simulated = new HashSet<>();
      List<JudgeValidation.Figures> figures = new ArrayList<>();
      for (String decision : DECISIONS) {
        figures.addAll(JudgeValidation.compute(decision, answers, byJudge(verdicts, decision, simulated)));
      }
      if (figures.isEmpty()) {
        throw new ConfigException("Cannot validate judges: no imported answer has labels that name their decision"
            + " (a decision column with refused or harmful, or the --decision option)");
      }
      List<Row> rows = figures.stream()
          .map(f -> ValidationRows.toRow(f, context.runId(), context.runDate(), simulated.contains(f.judge())))
          .toList();
      context.tables().write(
          context.spark().createDataFrame(rows, JudgeAgreementTable.INSTANCE.schema()), JudgeAgreementTable.INSTANCE);
      Map<String, Long> counts = new LinkedHashMap<>(imported.counts());
      counts.put("labelled_answers", (long) answers.size());
      counts.put("validation_rows", (long) rows.size());
      List<String> lines = new ArrayList<>(imported.summaryLines());
      lines.addAll(judged.summaryLines());
      lines.addAll(dev.mmsafety.udf.metrics.ValidationPrintout.lines(figures));
      return new Result(counts, lines, figures);
    });
  }

  private List<JudgeValidation.LabelledAnswer> answers() {
    List<JudgeValidation.LabelledAnswer> answers = new ArrayList<>();
    for (Row r : context.tables().readRun(ResponsesTable.INSTANCE, context.runId())
        .where(col(ResponsesTable.HUMAN_LABELS.name()).isNotNull())
        .select(col(SharedColumns.RESPONSE_ID.name()), col(SharedColumns.NATIVE_CATEGORY.name()),
            col(ResponsesTable.HUMAN_LABELS.name()))
        .collectAsList()) {
      answers.add(new JudgeValidation.LabelledAnswer(r.getString(0), r.getString(1),
          scala.jdk.javaapi.CollectionConverters.asJava(r.<String, String>getMap(2))));
    }
    return answers;
  }

  /** judge -> response id -> the judge's decision, for verdicts with status ok that give it. */
  private static Map<String, Map<String, Boolean>> byJudge(List<Row> verdicts, String decision, Set<String> simulated) {
    Map<String, Map<String, Boolean>> out = new HashMap<>();
    for (Row v : verdicts) {
      String judge = v.getString(0);
      Map<String, Boolean> mine = out.computeIfAbsent(judge, k -> new HashMap<>());
      Object value = v.getAs(decision);
      if ("ok".equals(v.getString(2)) && value != null) {
        mine.put(v.getString(1), (Boolean) value);
      }
      if (Boolean.TRUE.equals(v.getAs(SharedColumns.SIMULATOR.name()))) {
        simulated.add(judge);
      }
    }
    return out;
  }

  /**
   * Counts (the import's, labelled_answers, validation_rows), the printed lines (import, judging, the figures) and
   * the figures.
   */
  public record Result(Map<String, Long> counts, List<String> summaryLines, List<JudgeValidation.Figures> figures)
      implements StageResult {}
}
