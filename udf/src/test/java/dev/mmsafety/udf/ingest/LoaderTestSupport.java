package dev.mmsafety.udf.ingest;

import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.image.HadoopConf;
import dev.mmsafety.udf.image.ImageStore;
import dev.mmsafety.udf.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/** Runs a loader on a fixture root, as the job's driver side does. */
final class LoaderTestSupport {
  private LoaderTestSupport() {}

  static LoadResult load(String benchmark, Map<String, Object> options) {
    return load(benchmark, Fixtures.root(benchmark), options, null, Path.of(System.getProperty("java.io.tmpdir")));
  }

  static LoadResult load(String benchmark, Path root, Map<String, Object> options, Integer limit, Path out) {
    DatasetSpec spec = new DatasetSpec(benchmark + "-test", benchmark, root.toString(), limit, options);
    Configuration conf = new Configuration();
    return Benchmarks.load(spec, conf, new ImageStore(out.toString(), new HadoopConf(conf)), Taxonomy.load());
  }

  static List<String> ids(LoadResult r) {
    return r.drafts().stream().map(CaseDraft::caseId).toList();
  }

  /** reason code -> "file#row:field" of each reject. */
  static Map<String, List<String>> rejects(LoadResult r) {
    return r.rejects().stream()
        .collect(Collectors.groupingBy(
            IngestReject::reasonCode,
            java.util.TreeMap::new,
            Collectors.mapping(x -> x.sourceFile() + "#" + x.sourceRow() + ":" + x.field(), Collectors.toList())));
  }

  static CaseDraft draft(LoadResult r, String caseId) {
    return r.drafts().stream().filter(d -> d.caseId().equals(caseId)).findFirst().orElseThrow();
  }
}
