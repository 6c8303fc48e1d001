package dev.mmsafety.udf.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry, dataset root, path containment, taxonomy and partition planning. */
class TestIngestSupport {

  @Test
  void unknownBenchmarkIsOneLineListingTheKnownNames() {
    assertThatThrownBy(() -> Benchmarks.loader("figstepp"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot ingest benchmark figstepp: unknown name; known: mm-safetybench, figstep,")
        .hasMessageNotContaining("\n");
    assertThat(Benchmarks.names()).hasSize(10);
    assertThat(Benchmarks.loader("FigStep").name()).isEqualTo("figstep");
  }

  @Test
  void pathsThatLeaveTheRootAreRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("x.txt"), "x");
    DatasetSource source = DatasetSource.open(dir.toString(), new Configuration());
    assertThat(source.resolveInside("data", "imgs/../a.png", "f")).endsWith("/data/a.png");
    assertThat(source.resolveInside("data", "../a.png", "f")).endsWith(dir.getFileName() + "/a.png");
    for (String bad : List.of("../../a.png", "/etc/passwd", "s3a://bucket/a.png", "..\\..\\a.png", "C:/x.png")) {
      assertThatThrownBy(() -> source.resolveInside("data", bad, "f"))
          .isInstanceOfSatisfying(BadRecordException.class, e -> assertThat(e.reason().code()).isEqualTo("path_escapes_root"));
    }
    assertThatThrownBy(() -> DatasetSource.open(dir.resolve("nope").toString(), new Configuration()))
        .isInstanceOf(ConfigException.class).hasMessageEndingWith("no such folder");
  }

  @Test
  void datasetHashFollowsMetadataContent(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.json"), "{}");
    DatasetSource one = DatasetSource.open(dir.toString(), new Configuration());
    one.readText("a.json");
    String before = one.datasetHash();
    Files.writeString(dir.resolve("a.json"), "{ }");
    DatasetSource two = DatasetSource.open(dir.toString(), new Configuration());
    two.readText("a.json");
    assertThat(two.datasetHash()).isNotEqualTo(before).hasSize(64);
  }

  @Test
  void taxonomyMapsNativeNamesCaseInsensitivelyWithFallbacks() {
    Taxonomy t = Taxonomy.load();
    assertThat(t.canonical("figstep", "malware generation", "harmful")).isEqualTo("cybercrime");
    assertThat(t.canonical("siuo", "controversial topics, politics", "harmful")).isEqualTo("political");
    assertThat(t.canonical("vlguard", "risky behavior/unknown", "harmful")).isEqualTo("unethical_behavior");
    assertThat(t.canonical("generic", "privacy", "harmful")).isEqualTo("privacy");
    assertThat(t.canonical("figstep", "Never Heard Of", "harmful")).isEqualTo("other");
    assertThat(t.canonical("figstep", "Fraud", "benign")).isEqualTo("benign");
    assertThat(t.canonicalCategories()).contains("benign", "other", "weapons_cbrn").hasSize(20);
  }

  @Test
  void plannerBalancesBytesAndCounts() {
    List<CaseDraft> drafts = new ArrayList<>();
    drafts.add(CaseDraft.builder().benchmark("b").variant("v").nativeId("big").estimatedBytes(10_000_000).build());
    for (int i = 0; i < 99; i++) {
      drafts.add(CaseDraft.builder().benchmark("b").variant("v").nativeId("s" + i).estimatedBytes(50_000).build());
    }
    int[] assigned = PartitionPlanner.assign(drafts, 4);
    List<Long> loads = PartitionPlanner.loads(drafts, assigned, 4);
    long max = loads.stream().mapToLong(Long::longValue).max().orElseThrow();
    long min = loads.stream().mapToLong(Long::longValue).min().orElseThrow();
    // The big image sits alone-ish; the small ones spread over the other three evenly.
    assertThat(max).isEqualTo(10_000_000 + PartitionPlanner.ROW_COST);
    assertThat(max - min).isLessThan(max);
    long partitionOfBig = assigned[0];
    assertThat(java.util.Arrays.stream(assigned).filter(p -> p == partitionOfBig).count()).isEqualTo(1);
    List<Long> others = new ArrayList<>(loads);
    others.remove(Long.valueOf(max));
    assertThat(others.stream().mapToLong(Long::longValue).max().orElseThrow()
            - others.stream().mapToLong(Long::longValue).min().orElseThrow())
        .isLessThanOrEqualTo(50_000 + PartitionPlanner.ROW_COST);
  }
}
