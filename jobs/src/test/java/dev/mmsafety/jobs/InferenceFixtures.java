package dev.mmsafety.jobs;

import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.sim.SimulatorEndpoints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small made-up probes for inference tests: a PNG written to a temp dir, prompts numbered. */
final class InferenceFixtures {
  private InferenceFixtures() {}

  static Path png(Path dir) throws IOException {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 8; i++) {
      image.setRGB(i, i, 0xff0000);
    }
    Path file = dir.resolve("probe.png");
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  /** {@code n} probes; every other one carries the image. */
  static Dataset<Row> probes(SparkSession spark, int n, Path image) throws IOException {
    String sha = Hashing.sha256Hex(Files.readAllBytes(image));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean withImage = i % 2 == 0;
      String caseId = "figstep:SD_TYPO:" + i;
      rows.add(ProbesTable.INSTANCE.newRow()
          .set(SharedColumns.RUN_ID, "probe-run")
          .set(SharedColumns.PROBE_ID, Hashing.shortId(caseId, "none", "{}", "0"))
          .set(SharedColumns.CASE_ID, caseId)
          .set(SharedColumns.BENCHMARK, "figstep")
          .set(SharedColumns.DATASET, "fs")
          .set(SharedColumns.VARIANT, "figstep")
          .set(ProbesTable.DATASET_HASH, "d0")
          .set(SharedColumns.CANONICAL_CATEGORY, "illegal_activity")
          .set(SharedColumns.POLARITY, i % 3 == 0 ? "benign" : "harmful")
          .set(SharedColumns.ATTACK, "none")
          .set(ProbesTable.ATTACK_VERSION, "1")
          .set(ProbesTable.ATTACK_PARAMS, "{}")
          .set(ProbesTable.ATTACK_SEED, 0L)
          .set(ProbesTable.PROMPT_TEXT, "Explain the steps shown, item " + i)
          .set(ProbesTable.IMAGE_URIS, withImage ? List.of(image.toUri().toString()) : List.of())
          .set(ProbesTable.IMAGE_SHA256S, withImage ? List.of(sha) : List.of())
          .set(SharedColumns.RUN_DATE, "2026-01-15")
          .build());
    }
    return spark.createDataFrame(rows, ProbesTable.INSTANCE.schema()).repartition(2);
  }

  /** The context with every {@code url: simulator} endpoint resolved to the started worker (as the pipeline does). */
  static RunContext resolved(RunContext ctx, String simBaseUrl) {
    return ctx.withConfig(SimulatorEndpoints.resolve(ctx.config(), simBaseUrl));
  }

  static String config(String simUrl, String inferenceYaml) {
    return """
        run:
          name: t
          output: ${out}
        datasets:
          - name: fs
            benchmark: figstep
            path: /nowhere
        models:
          - name: sim-model
            endpoints:
              - name: sim
                url: %s
                max-concurrency: 16
            system-prompt: You are a careful assistant.
            generation:
              temperature: 0.0
              max-tokens: 64
        inference:
        %s
        """.formatted(simUrl, inferenceYaml.indent(2).stripTrailing());
  }
}
