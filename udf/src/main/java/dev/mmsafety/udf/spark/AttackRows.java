package dev.mmsafety.udf.spark;

import dev.mmsafety.schemas.AttackRoundsTable;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.ImageLineageTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.schemas.TableContract;
import dev.mmsafety.udf.attack.AttackRunner;
import dev.mmsafety.udf.attack.CaseView;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Row conversions of the attack stage: cases row -> CaseView, outcomes -> probes / image_lineage / rejects rows. */
public final class AttackRows {
  /** The tag column: which {@link Kind} of table row an output row carries. */
  public static final String KIND = "kind";
  /** The rejects stage of attack rejects. */
  public static final String STAGE = "attack";

  /**
   * The table rows the attack stage makes. {@link #tag()}, the name in lower case, is written to the kind column and
   * names the struct column that holds the row.
   */
  public enum Kind {
    PROBE(ProbesTable.INSTANCE),
    LINEAGE(ImageLineageTable.INSTANCE),
    REJECT(RejectsTable.INSTANCE),
    /** Adaptive attacks' search nodes (attack_rounds rows). */
    ROUND(AttackRoundsTable.INSTANCE);

    private final TableContract table;
    /** Derived once: it is read for every output row. */
    private final String tag = name().toLowerCase(Locale.ROOT);

    Kind(TableContract table) {
      this.table = table;
    }

    /** probe, lineage, reject or round. */
    public String tag() {
      return tag;
    }

    public TableContract table() {
      return table;
    }
  }

  /** One output row carries exactly one table row, in the struct column of its kind, tagged by kind. */
  public static final StructType SCHEMA = schema();

  private AttackRows() {}

  private static StructType schema() {
    StructType schema = new StructType().add(KIND, DataTypes.StringType, false);
    for (Kind kind : Kind.values()) {
      schema = schema.add(kind.tag(), kind.table().schema(), true);
    }
    return schema;
  }

  public static CaseView caseView(Row row) {
    Map<String, String> extra = has(row, CasesTable.EXTRA.name()) ? CasesTable.EXTRA.getMap(row) : Map.of();
    return new CaseView(
        SharedColumns.CASE_ID.getString(row),
        SharedColumns.BENCHMARK.getString(row),
        optional(row, CasesTable.NATIVE_ID.name()),
        CasesTable.PROMPT_TEXT.getString(row),
        optional(row, CasesTable.SOURCE_TEXT.name()),
        optional(row, CasesTable.KEY_PHRASE.name()),
        optional(row, CasesTable.IMAGE_URI.name()),
        optional(row, CasesTable.IMAGE_SHA256.name()),
        extra,
        optional(row, SharedColumns.VARIANT.name()));
  }

  /** Which attack, with which params and seed, made a probe: the columns its probes and image_lineage rows share. */
  record Origin(String probeId, String attack, String attackVersion, String attackParams, long attackSeed) {
    static Origin of(AttackRunner.Probe p) {
      return new Origin(p.probeId(), p.planned().spec().label(), p.planned().attack().version(),
          p.planned().paramsJson(), p.seed());
    }
  }

  public static Row probe(Row caseRow, AttackRunner.Probe p, String runId, String runDate) {
    Row probe =
        ProbesTable.INSTANCE.newRow()
            .set(SharedColumns.RUN_ID, runId)
            .set(SharedColumns.RUN_DATE, runDate)
            .set(ProbesTable.ATTACK_NOTE, p.note())
            .copyFrom(Origin.of(p))
            .copyFrom(p)
            .copyFrom(caseRow)
            .build();
    return wrap(Kind.PROBE, probe);
  }

  public static Row lineage(AttackRunner.Probe p, AttackRunner.Lineage l, String runId, String runDate) {
    return lineage(Origin.of(p), l, runId, runDate);
  }

  /** The image_lineage row of image {@code l} of the probe {@code o} made. */
  static Row lineage(Origin o, AttackRunner.Lineage l, String runId, String runDate) {
    Row row =
        ImageLineageTable.INSTANCE.newRow()
            .set(SharedColumns.RUN_ID, runId)
            .set(SharedColumns.RUN_DATE, runDate)
            .set(ImageLineageTable.IMAGE_SHA256, l.sha256())
            .set(ImageLineageTable.IMAGE_URI, l.uri())
            .set(ImageLineageTable.SEED, o.attackSeed())
            .copyFrom(o)
            .copyFrom(l)
            .build();
    return wrap(Kind.LINEAGE, row);
  }

  public static Row reject(Row caseRow, AttackRunner.Reject r, String runId, String runDate) {
    return reject(caseRow, r.planned().spec().label(), r.reasonCode(), r.field(), r.reason(), runId, runDate);
  }

  /** A reject of attack {@code label} for the case; the reason is prefixed {@code attack <label>: }. */
  public static Row reject(Row caseRow, String label, String reasonCode, String field, String reason, String runId,
      String runDate) {
    Row row =
        RejectsTable.INSTANCE.newRow()
            .set(SharedColumns.RUN_ID, runId)
            .set(SharedColumns.RUN_DATE, runDate)
            .set(RejectsTable.STAGE, STAGE)
            .set(RejectsTable.BENCHMARK_NAME, SharedColumns.BENCHMARK.getString(caseRow))
            .set(SharedColumns.DATASET, optional(caseRow, SharedColumns.DATASET.name()))
            .set(RejectsTable.SOURCE_FILE, optional(caseRow, CasesTable.SOURCE_FILE.name()))
            .set(RejectsTable.SOURCE_ROW, optional(caseRow, CasesTable.SOURCE_ROW.name()))
            .set(RejectsTable.FIELD, field)
            .set(RejectsTable.REASON_CODE, reasonCode)
            .set(RejectsTable.REASON, "attack " + label + ": " + reason)
            .set(RejectsTable.ITEM_ID, SharedColumns.CASE_ID.getString(caseRow))
            .build();
    return wrap(Kind.REJECT, row);
  }

  /** One table row as a tagged row of {@link #SCHEMA}. */
  public static Row wrap(Kind kind, Row row) {
    Object[] values = new Object[SCHEMA.size()];
    values[SCHEMA.fieldIndex(KIND)] = kind.tag();
    values[SCHEMA.fieldIndex(kind.tag())] = row;
    return RowFactory.create(values);
  }

  static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(list).toList();
  }

  private static boolean has(Row row, String name) {
    return java.util.Arrays.asList(row.schema().fieldNames()).contains(name);
  }

  private static String optional(Row row, String name) {
    if (!has(row, name)) {
      return null;
    }
    Object v = row.get(row.fieldIndex(name));
    return v == null ? null : v.toString();
  }
}
