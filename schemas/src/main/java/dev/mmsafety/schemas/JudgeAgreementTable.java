package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/**
 * How far judges agree: one row per model (and {@code ALL} models pooled) x judge x reference x decision. The
 * reference is another judge (each unordered pair once, judge &lt; other) or {@code human} (the strict majority
 * of imported human labels). Confusion counts treat the reference as truth: accuracy/precision/recall/F1 are
 * scores against human labels on human rows, and describe the judge against the other judge on pair rows.
 * Validation rows ({@code judge validate}, reference_kind validation) add a category, 95% intervals and the
 * annotators' own agreement; version 2 added their columns (918-935).
 * NEXT ID TO ASSIGN: 936
 */
public final class JudgeAgreementTable {
  public static final int VERSION = 2;
  public static final String HUMAN = "human";
  public static final String KIND_JUDGE = "judge";
  public static final String KIND_HUMAN = "human";
  /** judge validate: the judge against the human majority of a labels file, per category, with intervals. */
  public static final String KIND_VALIDATION = "validation";

  public static final Column OTHER = required(900, "other", StringType, "The reference: another judge's name, or 'human'.");
  public static final Column REFERENCE_KIND = required(901, "reference_kind", StringType, "judge (judge vs judge), human (judge vs human labels) or validation (judge validate).");
  public static final Column DECISION = required(902, "decision", StringType, "The yes/no decision compared: unsafe or refused.");
  public static final Column N = required(903, "n", LongType, "Responses where both sides gave the decision (status ok, not null).");
  public static final Column N_AGREE = required(904, "n_agree", LongType, "Responses where both agree.");
  public static final Column AGREEMENT = optional(905, "agreement", DoubleType, "n_agree / n.");
  public static final Column KAPPA = optional(906, "kappa", DoubleType, "Cohen's kappa; null when undefined (n = 0 or both constant).");
  public static final Column TP = required(907, "tp", LongType, "Judge yes, reference yes.");
  public static final Column FP = required(908, "fp", LongType, "Judge yes, reference no.");
  public static final Column FN = required(909, "fn", LongType, "Judge no, reference yes.");
  public static final Column TN = required(910, "tn", LongType, "Judge no, reference no.");
  public static final Column ACCURACY = optional(911, "accuracy", DoubleType, "(tp + tn) / n.");
  public static final Column PRECISION = optional(912, "precision", DoubleType, "tp / (tp + fp).");
  public static final Column RECALL = optional(913, "recall", DoubleType, "tp / (tp + fn).");
  public static final Column F1 = optional(914, "f1", DoubleType, "Harmonic mean of precision and recall.");
  public static final Column N_EXCLUDED = required(915, "n_excluded", LongType, "Responses left out because a side had no usable verdict (error, unparseable, skipped, missing).");
  public static final Column N_NO_MAJORITY = required(916, "n_no_majority", LongType, "Human rows: responses whose annotators tied (excluded).");
  public static final Column N_NO_LABELS = required(917, "n_no_labels", LongType, "Human rows: labelled responses with no usable label for the decision.");

  public static final Column CATEGORY = optional(918, "category", StringType, "Validation rows: the labels file's category, or ALL; null on other rows.");
  public static final Column ACCURACY_LOW = optional(919, "accuracy_low", DoubleType, "Wilson 95% interval of accuracy, low.");
  public static final Column ACCURACY_HIGH = optional(920, "accuracy_high", DoubleType, "Wilson 95% interval of accuracy, high.");
  public static final Column PRECISION_LOW = optional(921, "precision_low", DoubleType, "Wilson 95% interval of precision, low.");
  public static final Column PRECISION_HIGH = optional(922, "precision_high", DoubleType, "Wilson 95% interval of precision, high.");
  public static final Column RECALL_LOW = optional(923, "recall_low", DoubleType, "Wilson 95% interval of recall, low.");
  public static final Column RECALL_HIGH = optional(924, "recall_high", DoubleType, "Wilson 95% interval of recall, high.");
  public static final Column F1_LOW = optional(925, "f1_low", DoubleType, "Bootstrap 95% interval of F1, low.");
  public static final Column F1_HIGH = optional(926, "f1_high", DoubleType, "Bootstrap 95% interval of F1, high.");
  public static final Column KAPPA_LOW = optional(927, "kappa_low", DoubleType, "Bootstrap 95% interval of Cohen's kappa, low.");
  public static final Column KAPPA_HIGH = optional(928, "kappa_high", DoubleType, "Bootstrap 95% interval of Cohen's kappa, high.");
  public static final Column N_UNKNOWN_LABELS = optional(929, "n_unknown_labels", LongType, "Validation rows: labels whose value is no yes/no of the decision (left out of the vote).");
  public static final Column N_MISSING_ANNOTATORS = optional(930, "n_missing_annotators", LongType, "Validation rows: answers with fewer known labels than annotators.");
  public static final Column ANNOTATORS = optional(931, "annotators", LongType, "Validation rows: annotators who labelled the decision (n per item for Fleiss).");
  public static final Column FLEISS_KAPPA = optional(932, "fleiss_kappa", DoubleType, "Validation rows: the annotators' own agreement, Fleiss' kappa.");
  public static final Column FLEISS_LOW = optional(933, "fleiss_low", DoubleType, "Bootstrap 95% interval of Fleiss' kappa, low.");
  public static final Column FLEISS_HIGH = optional(934, "fleiss_high", DoubleType, "Bootstrap 95% interval of Fleiss' kappa, high.");
  public static final Column N_FLEISS = optional(935, "n_fleiss", LongType, "Validation rows: answers all annotators labelled validly (Fleiss' items).");

  public static final TableContract INSTANCE = TableContract.of("judge_agreement", VERSION,
      "Agreement and Cohen's kappa between judge pairs, and accuracy/precision/recall/F1 against human labels.",
      BY_RUN_DATE_AND_MODEL,
      List.of(JUDGE, OTHER, REFERENCE_KIND, DECISION, SIMULATOR),
      List.of(N, N_AGREE, AGREEMENT, KAPPA),
      List.of(TP, FP, FN, TN),
      List.of(ACCURACY, PRECISION, RECALL, F1),
      List.of(N_EXCLUDED, N_NO_MAJORITY, N_NO_LABELS, CATEGORY),
      List.of(ACCURACY_LOW, ACCURACY_HIGH, PRECISION_LOW, PRECISION_HIGH, RECALL_LOW, RECALL_HIGH),
      List.of(F1_LOW, F1_HIGH, KAPPA_LOW, KAPPA_HIGH),
      List.of(N_UNKNOWN_LABELS, N_MISSING_ANNOTATORS, ANNOTATORS),
      List.of(FLEISS_KAPPA, FLEISS_LOW, FLEISS_HIGH, N_FLEISS));

  private JudgeAgreementTable() {}
}
