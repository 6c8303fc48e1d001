package dev.mmsafety.jobs.metrics;

import static dev.mmsafety.schemas.JudgeAgreementTable.*;

import dev.mmsafety.schemas.Column;
import dev.mmsafety.schemas.JudgeAgreementTable;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.RowBuilder;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.metrics.Agreement;
import dev.mmsafety.udf.metrics.Interval;
import dev.mmsafety.udf.metrics.JudgeValidation;
import org.apache.spark.sql.Row;

/** {@link JudgeValidation.Figures} to and from validation rows of judge_agreement (model ALL). */
public final class ValidationRows {
  private ValidationRows() {}

  public static Row toRow(JudgeValidation.Figures f, String runId, String runDate, boolean simulator) {
    return confusion(JudgeAgreementTable.INSTANCE.newRow(), f.confusion())
        .set(SharedColumns.RUN_ID, runId).set(SharedColumns.MODEL, MetricsTable.ALL)
        .set(SharedColumns.JUDGE, f.judge()).set(OTHER, HUMAN).set(REFERENCE_KIND, KIND_VALIDATION)
        .set(DECISION, f.decision()).set(CATEGORY, f.category()).set(SharedColumns.SIMULATOR, simulator)
        .set(ACCURACY_LOW, low(f.accuracyCi())).set(ACCURACY_HIGH, high(f.accuracyCi()))
        .set(PRECISION_LOW, low(f.precisionCi())).set(PRECISION_HIGH, high(f.precisionCi()))
        .set(RECALL_LOW, low(f.recallCi())).set(RECALL_HIGH, high(f.recallCi()))
        .set(F1_LOW, low(f.f1Ci())).set(F1_HIGH, high(f.f1Ci()))
        .set(KAPPA_LOW, low(f.kappaCi())).set(KAPPA_HIGH, high(f.kappaCi()))
        .set(N_EXCLUDED, f.nExcluded()).set(N_NO_MAJORITY, f.nNoMajority()).set(N_NO_LABELS, f.nNoLabels())
        .set(N_UNKNOWN_LABELS, f.nUnknownLabels()).set(N_MISSING_ANNOTATORS, f.nMissingAnnotators())
        .set(ANNOTATORS, (long) f.annotators()).set(FLEISS_KAPPA, f.fleissKappa())
        .set(FLEISS_LOW, low(f.fleissCi())).set(FLEISS_HIGH, high(f.fleissCi())).set(N_FLEISS, f.nFleiss())
        .set(SharedColumns.RUN_DATE, runDate)
        .build();
  }

  /** The confusion counts and the figures derived from them, as every judge_agreement row carries them. */
  static RowBuilder confusion(RowBuilder row, Agreement c) {
    return row
        .set(N, c.n()).set(N_AGREE, c.agreed()).set(AGREEMENT, c.agreement()).set(KAPPA, c.kappa())
        .set(TP, c.tp()).set(FP, c.fp()).set(FN, c.fn()).set(TN, c.tn())
        .set(ACCURACY, c.agreement()).set(PRECISION, c.precision()).set(RECALL, c.recall()).set(F1, c.f1());
  }

  public static JudgeValidation.Figures fromRow(Row r) {
    return new JudgeValidation.Figures(SharedColumns.JUDGE.getString(r), CATEGORY.getString(r), DECISION.getString(r),
        new Agreement(TP.<Long>get(r), FP.<Long>get(r), FN.<Long>get(r), TN.<Long>get(r)),
        interval(r, ACCURACY_LOW, ACCURACY_HIGH), interval(r, PRECISION_LOW, PRECISION_HIGH),
        interval(r, RECALL_LOW, RECALL_HIGH), interval(r, F1_LOW, F1_HIGH), interval(r, KAPPA_LOW, KAPPA_HIGH),
        N_EXCLUDED.<Long>get(r), N_NO_MAJORITY.<Long>get(r), N_NO_LABELS.<Long>get(r), N_UNKNOWN_LABELS.<Long>get(r),
        N_MISSING_ANNOTATORS.<Long>get(r), ANNOTATORS.<Long>get(r).intValue(), FLEISS_KAPPA.get(r),
        interval(r, FLEISS_LOW, FLEISS_HIGH), N_FLEISS.<Long>get(r));
  }

  private static Interval interval(Row r, Column low, Column high) {
    Double lo = low.get(r);
    Double hi = high.get(r);
    return lo == null || hi == null ? null : new Interval(lo, hi);
  }

  private static Double low(Interval i) {
    return i == null ? null : i.low();
  }

  private static Double high(Interval i) {
    return i == null ? null : i.high();
  }
}
