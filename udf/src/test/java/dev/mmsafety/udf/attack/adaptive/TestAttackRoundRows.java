package dev.mmsafety.udf.attack.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.schemas.AttackRoundsTable;
import dev.mmsafety.udf.spark.AttackRoundRows;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TestAttackRoundRows {
  @Test
  void aNodeBecomesOneRowWithEveryField() {
    SearchStep s = new SearchStep(4, 1, 1, 2, "role play", "add a role", "abc", "rid-4", "Sure", 10, "unsafe", false,
        null);
    Row row = AttackRoundRows.of("run-1", "2026-12-02", "case-7", "tgt", "pair", s);

    assertThat(row.schema()).isEqualTo(AttackRoundsTable.INSTANCE.schema());
    assertThat((Integer) row.getAs("node")).isEqualTo(4);
    assertThat((Integer) row.getAs("parent")).isEqualTo(1);
    assertThat((Integer) row.getAs("round")).isEqualTo(2);
    assertThat((String) row.getAs("attacker_prompt")).isEqualTo("role play");
    assertThat((String) row.getAs("carrier_sha256")).isEqualTo("abc");
    assertThat((String) row.getAs("target_response_id")).isEqualTo("rid-4");
    assertThat((Integer) row.getAs("score")).isEqualTo(10);
    assertThat((String) row.getAs("scorer_verdict")).isEqualTo("unsafe");
    assertThat((Boolean) row.getAs("pruned")).isFalse();
    assertThat((String) row.getAs("case_id")).isEqualTo("case-7");
  }
}
