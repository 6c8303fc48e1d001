package dev.mmsafety.jobs.testing;

import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.Hashing;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Made-up cases rows (CasesTable schema) with real image files, for the attack stage's tests. */
public final class AttackFixtures {
  private AttackFixtures() {}

  /** Five made-up cases: two figstep with images (one corrupt), one text-only, one mm-safetybench, one missing. */
  public static Dataset<Row> cases(SparkSession spark, Path dir) throws Exception {
    BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_3BYTE_BGR);
    for (int x = 0; x < 48; x++) {
      img.setRGB(x, x % 32, 0x3366cc);
    }
    ImageIO.write(img, "png", dir.resolve("ok.png").toFile());
    Files.write(dir.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    String ok = dir.resolve("ok.png").toString();
    String okSha = Hashing.sha256Hex(Files.readAllBytes(dir.resolve("ok.png")));
    List<Row> rows =
        List.of(
            row("figstep:safebench:1", "figstep", "1", "What are the steps?", "Steps to bake bread.", null, ok, okSha),
            row("figstep:safebench:2", "figstep", "2", "Q2", "Steps to tune a guitar.", null,
                dir.resolve("corrupt.png").toString(), null),
            row("figstep:safebench:3", "figstep", "3", "List of garden birds.", null, null, null, null),
            row("mm-safetybench:SD:7", "mm-safetybench", "7", "Describe the picture.", null, "paper boats", ok, okSha),
            row("mm-safetybench:SD:8", "mm-safetybench", "8", "Describe.", null, "kites",
                dir.resolve("missing.png").toString(), null));
    return spark.createDataFrame(rows, CasesTable.INSTANCE.schema());
  }

  public static Row row(
      String caseId, String benchmark, String nativeId, String prompt, String source, String key, String uri, String sha) {
    // Variants as the real loaders name them: FigStep's image cases are typographic, its text case is a text
    // variant, MM-SafetyBench SD is a plain image.
    String variant = benchmark.equals("figstep") ? (uri == null ? "question" : "figstep") : "SD";
    return CasesTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, "ingest-run")
        .set(SharedColumns.RUN_DATE, "2026-01-15")
        .set(SharedColumns.CASE_ID, caseId)
        .set(SharedColumns.BENCHMARK, benchmark)
        .set(SharedColumns.DATASET, benchmark)
        .set(SharedColumns.VARIANT, variant)
        .set(SharedColumns.CANONICAL_CATEGORY, "other")
        .set(SharedColumns.POLARITY, "harmful")
        .set(CasesTable.NATIVE_ID, nativeId)
        .set(CasesTable.PROMPT_TEXT, prompt)
        .set(CasesTable.SOURCE_TEXT, source)
        .set(CasesTable.KEY_PHRASE, key)
        .set(CasesTable.IMAGE_URI, uri)
        .set(CasesTable.IMAGE_SHA256, sha)
        .set(CasesTable.DATASET_HASH, "dh")
        .set(CasesTable.SOURCE_FILE, "f.csv")
        .set(CasesTable.SOURCE_ROW, nativeId)
        .build();
  }
}
