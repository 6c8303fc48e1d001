package dev.mmsafety.udf.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mmsafety.udf.attack.AttackRunner;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.image.ImageStore;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.config.AttackSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Cases -> tagged rows ({@link AttackRows#SCHEMA}): per case and applicable attack one probe or one reject, plus
 * one lineage row per generated image. Attack specs travel as JSON and the Hadoop conf as a map (neither is
 * Serializable); attacks are created once per partition. Output streams lazily, case by case.
 */
public final class AttackPartitionFunction implements MapPartitionsFunction<Row, Row> {
  private final List<String> specsJson;
  private final long runSeed;
  private final String runId;
  private final String runDate;
  private final String outputRoot;
  private final Map<String, String> hadoopConf;

  public AttackPartitionFunction(
      List<AttackSpec> specs, long runSeed, String runId, String runDate, String outputRoot, Map<String, String> hadoopConf) {
    this.specsJson = specs.stream().map(CanonicalJson::write).toList();
    this.runSeed = runSeed;
    this.runId = runId;
    this.runDate = runDate;
    this.outputRoot = outputRoot;
    this.hadoopConf = Map.copyOf(hadoopConf);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> cases) throws JsonProcessingException {
    List<AttackRunner.Planned> planned = new ArrayList<>();
    for (String json : specsJson) {
      planned.add(AttackRunner.Planned.of(CanonicalJson.mapper().readValue(json, AttackSpec.class)));
    }
    Configuration conf = new Configuration(false);
    hadoopConf.forEach(conf::set);
    AttackRunner runner =
        new AttackRunner(planned, runSeed, new ImageStore(outputRoot, conf), new HadoopImageLoader(conf));
    return FlatMapIterator.of(cases, caseRow -> {
      List<Row> rows = new ArrayList<>();
      for (AttackRunner.Outcome o : runner.run(AttackRows.caseView(caseRow))) {
        if (o instanceof AttackRunner.Probe p) {
          rows.add(AttackRows.probe(caseRow, p, runId, runDate));
          for (AttackRunner.Lineage l : p.lineage()) {
            rows.add(AttackRows.lineage(p, l, runId, runDate));
          }
        } else if (o instanceof AttackRunner.Reject r) {
          rows.add(AttackRows.reject(caseRow, r, runId, runDate));
        }
      }
      return rows;
    });
  }
}
