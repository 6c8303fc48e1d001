package dev.mmsafety.jobs;

import dev.mmsafety.udf.attack.AttackPreview;
import dev.mmsafety.udf.attack.CaseView;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.SparkSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.spark.AttackRows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;

/**
 * One attack on a few cases, written as files under {@code out} ({@code attack preview}); an adaptive attack runs
 * one case's search against the simulator instead. The cases come from a cases table, or from a benchmark folder
 * ingested first into {@code out/_ingest}.
 *
 * @param benchmark with {@code path}: the benchmark format to ingest; null when {@code cases} is given
 * @param cases a cases table (Parquet folder); null = ingest {@code benchmark} from {@code path}
 */
public record StandalonePreview(
    AttackSpec attack, String benchmark, String path, String cases, int limit, long seed, Path out) {

  public AttackPreview.Summary run() throws IOException {
    return AttackPreview.write(readCases(), attack, seed, HadoopImageLoader.of(spark()), out);
  }

  /** An adaptive attack (pair, tap): one case's search against the simulator ({@link SearchPreview}). */
  public SearchPreview.Summary runSearch() throws IOException {
    return SearchPreview.write(readCases(), attack, seed, out);
  }

  private List<CaseView> readCases() {
    if (cases == null && (benchmark == null || path == null)) {
      throw new ConfigException(
          "Cannot preview attack " + attack.name() + ": give --benchmark NAME --path ROOT, or --cases PARQUET_DIR");
    }
    String table = cases;
    if (table == null) {
      String scratch = out.toAbsolutePath().resolve("_ingest").toString();
      StandaloneIngest.run(
          new DatasetSpec(null, benchmark, path, limit, Map.of()), scratch, SparkSpec.PARTITIONS_DEFAULT, null);
      table = scratch + "/cases";
    }
    if (limit < 1) {
      throw new ConfigException("Cannot preview attack " + attack.name() + ": --limit " + limit + " is not positive");
    }
    return read(spark(), table);
  }

  private static SparkSession spark() {
    return SparkSessions.getOrCreate(SparkSpec.DEFAULT, "mmsafety-attack-preview");
  }

  private List<CaseView> read(SparkSession spark, String table) {
    try {
      return spark.read().parquet(table).limit(limit).collectAsList().stream().map(AttackRows::caseView).toList();
    } catch (Exception e) {
      // Spark raises AnalysisException (undeclared) for a missing path or a non-Parquet folder.
      if (!(e instanceof AnalysisException)) {
        throw e;
      }
      throw new ConfigException("Cannot read cases " + table + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
