package dev.mmsafety.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Opens the package-private judge fixtures to the CLI tests. */
public final class JudgeFixturesAccess {
  private JudgeFixturesAccess() {}

  public static Dataset<Row> responses(SparkSession spark, String[][] rows) {
    return JudgeFixtures.responses(spark, rows);
  }
}
