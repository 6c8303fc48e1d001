package dev.mmsafety.schemas;

import java.util.List;

/** Every table contract, in pipeline order. New tables register here so docs and checks cover them. */
public final class Tables {
  private Tables() {}

  public static List<TableContract> all() {
    return List.of(
        CasesTable.INSTANCE,
        ProbesTable.INSTANCE,
        ImageLineageTable.INSTANCE,
        ResponsesTable.INSTANCE,
        JudgmentsTable.INSTANCE,
        MetricsTable.INSTANCE,
        JudgeAgreementTable.INSTANCE,
        RegressionsTable.INSTANCE,
        AttackRoundsTable.INSTANCE,
        RejectsTable.INSTANCE,
        RunsTable.INSTANCE);
  }

  public static TableContract byName(String name) {
    return all().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown table: " + name));
  }
}
