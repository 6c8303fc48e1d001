package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSamples extends SparkTestBase {

  @Test
  void indexListsEverySampleFileAndTheSuiteStaysSmall() throws Exception {
    URL url = Samples.class.getClassLoader().getResource(Samples.ROOT);
    Path root = Paths.get(url.toURI());
    List<String> onDisk;
    long bytes;
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("index.txt")).toList();
      onDisk = files.stream().map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
      bytes = files.stream().mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(Samples.files()).isEqualTo(onDisk);
    assertThat(bytes).isLessThan(1_500_000);
  }

  @Test
  void extractedSuiteIsAValidConfigThatIngestsCleanly(@TempDir Path dir) throws Exception {
    Path config = Samples.extractTo(dir.resolve("samples"));
    String yaml = Files.readString(config);
    assertThat(yaml).doesNotContain("${samples}").contains("${out}").contains(dir.resolve("samples").toString());
    RunConfig parsed = ConfigLoader.parse(yaml.replace("${out}", dir.resolve("out").toString()), "quickstart");
    assertThat(parsed.datasets()).extracting(d -> d.benchmark()).containsExactly("figstep", "mm-safetybench", "mossbench");
    assertThat(parsed.attacks()).extracting(a -> a.label()).containsExactly("none", "figstep");
    assertThat(parsed.models().get(0).usesSimulator()).isTrue();

    // What quickstart extracts holds no placeholder: the file runs as it is.
    Path ready = Samples.extractTo(dir.resolve("ready"), dir.resolve("out").toString());
    assertThat(Files.readString(ready)).doesNotContain("${");
    assertThat(ConfigLoader.load(ready).run().output()).isEqualTo(dir.resolve("out").toString());

    RunContext context = context(yaml, dir.resolve("out"), "qs");
    IngestCasesJob.Result result = EvalJobs.get(context).ingestCases().execute();
    // 30 FigStep questions (the config keeps the text-only variant: the baseline FigStep is compared with);
    // 8 MM-SafetyBench questions x 4 variants; 40 MOSSBench items (benign, each with its image).
    assertThat(result.counts())
        .containsEntry("cases:figstep", 30L).containsEntry("cases_with_image:figstep", 0L)
        .containsEntry("cases:mm-safetybench", 32L).containsEntry("cases_with_image:mm-safetybench", 24L)
        .containsEntry("cases:mossbench", 40L).containsEntry("cases_with_image:mossbench", 40L)
        .containsEntry("rejects", 0L);
  }
}
