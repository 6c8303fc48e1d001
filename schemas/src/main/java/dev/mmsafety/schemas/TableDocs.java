package dev.mmsafety.schemas;

/** Renders docs/tables.md from the contracts, so the document can never drift from the code. */
public final class TableDocs {
  private TableDocs() {}

  public static String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# Table contracts\n\n")
        .append("Generated from `schemas/` by `TableDocs` (a test fails when this file is stale; regenerate with\n")
        .append("`mvn test -pl schemas -Dtables.doc.update=true`). Every table is Parquet under `<output>/<table>/`,\n")
        .append("partitioned as listed. Column ids are stable and never reused.\n");
    for (TableContract table : Tables.all()) {
      out.append("\n## ").append(table.name()).append(" (schema_version ").append(table.version()).append(")\n\n")
          .append(table.doc()).append("\n\nPartitioned by: `")
          .append(String.join("`, `", table.partitionColumnNames())).append("`\n\n")
          .append("| id | column | type | nullable | meaning |\n|---|---|---|---|---|\n");
      for (Column c : table.columns()) {
        out.append("| ").append(c.id()).append(" | `").append(c.name()).append("` | ")
            .append(c.type().simpleString()).append(" | ").append(c.nullable() ? "yes" : "no").append(" | ")
            .append(c.doc()).append(" |\n");
      }
    }
    return out.toString();
  }
}
