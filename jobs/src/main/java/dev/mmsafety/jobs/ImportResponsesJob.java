package dev.mmsafety.jobs;

import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.ingest.AnnotatorRows;
import dev.mmsafety.udf.ingest.DatasetSource;
import dev.mmsafety.udf.ingest.LoadSink;
import dev.mmsafety.udf.ingest.ParquetRecords;
import dev.mmsafety.udf.ingest.Records;
import dev.mmsafety.udf.ingest.ResponseImporter;
import dev.mmsafety.udf.spark.IngestOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * Imports responses produced elsewhere (JSONL, CSV or Parquet; one record per case x model) into {@code cases}
 * and {@code responses} (+ {@code rejects}, stage import), so judges and metrics run on them without any model
 * call. The file is read on the driver, streaming (imported sets are thousands of rows, not millions); rows are
 * built by {@link ResponseImporter}.
 */
public final class ImportResponsesJob extends StageJob<ImportResponsesJob> {
  public static final String JOB_GROUP = "IMPORT-RESPONSES";
  public static final List<String> FORMATS = List.of("jsonl", "csv", "parquet");

  private String file;
  private String format;
  private String dataset = "imported";
  private String benchmark = ResponseImporter.BENCHMARK_DEFAULT;
  private Map<String, String> fields = new LinkedHashMap<>();
  private String labelPrefix = ResponseImporter.LABEL_PREFIX_DEFAULT;
  private String decision;
  private String defaultModel;

  ImportResponsesJob(RunContext context) {
    super(context);
  }

  /** The responses file (local path or Hadoop URI). */
  public ImportResponsesJob file(String path) {
    return set(() -> file = path);
  }

  /** jsonl, csv or parquet; default from the file extension. */
  public ImportResponsesJob format(String value) {
    if (value != null && !FORMATS.contains(value)) {
      throw new IllegalArgumentException("Invalid format: " + value + " (expected one of " + FORMATS + ")");
    }
    return set(() -> format = value);
  }

  public ImportResponsesJob dataset(String name) {
    return set(() -> dataset = name);
  }

  /** Benchmark name for records without a benchmark field. */
  public ImportResponsesJob benchmark(String name) {
    return set(() -> benchmark = name);
  }

  /** Field roles to column names (see {@link ResponseImporter#ROLES}); unmapped roles use the role name. */
  public ImportResponsesJob fields(Map<String, String> mapping) {
    for (String role : mapping.keySet()) {
      if (!ResponseImporter.ROLES.contains(role)) {
        throw new IllegalArgumentException("Invalid field role: " + role + " (expected one of " + ResponseImporter.ROLES + ")");
      }
    }
    return set(() -> fields = new LinkedHashMap<>(mapping));
  }

  /** Columns starting with this prefix are human labels by annotator (default human_). */
  public ImportResponsesJob labelPrefix(String prefix) {
    return set(() -> labelPrefix = prefix);
  }

  /** The question labelled (refused or harmful) for records without a decision field; default none. */
  public ImportResponsesJob decision(String named) {
    if (named != null) {
      dev.mmsafety.udf.metrics.HumanLabels.decision(named);
    }
    return set(() -> decision = named);
  }

  /** The model of records without a model field; default none (the field is required). */
  public ImportResponsesJob defaultModel(String model) {
    return set(() -> defaultModel = model);
  }

  public IngestCasesJob.Result execute() {
    if (file == null) {
      throw new ConfigException("Cannot import responses: no file given");
    }
    return context.inJobGroup(JOB_GROUP, "Import responses from " + file, () -> {
      ResponseImporter importer = read();
      var spark = context.spark();
      context.tables().write(spark.createDataFrame(importer.cases(), CasesTable.INSTANCE.schema()), CasesTable.INSTANCE);
      context.tables().write(spark.createDataFrame(importer.responses(), ResponsesTable.INSTANCE.schema()), ResponsesTable.INSTANCE);
      List<Row> rejectRows =
          importer.rejects().stream().map(r -> IngestOutput.rejectRow(r, context.runId(), context.runDate())).toList();
      context.tables().writePartition(
          spark.createDataFrame(rejectRows, RejectsTable.INSTANCE.schema()), RejectsTable.INSTANCE, RejectsTable.STAGE,
          ResponseImporter.STAGE);
      long read = importer.responses().size() + importer.rejects().size();
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("rows_read", read);
      counts.put("cases", (long) importer.cases().size());
      counts.put("responses", (long) importer.responses().size());
      counts.put("rejects", (long) importer.rejects().size());
      String line = String.format("%s: rows read %d, responses %d, cases %d, rejected %d", dataset, read,
          importer.responses().size(), importer.cases().size(), importer.rejects().size());
      return new IngestCasesJob.Result(counts, List.of(line));
    });
  }

  private ResponseImporter read() {
    Path path = new Path(file);
    String name = path.getName();
    String fmt = format != null ? format : name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(fmt)) {
      throw new ConfigException("Cannot import responses " + file + ": unknown format '" + fmt + "' (use jsonl, csv or parquet)");
    }
    DatasetSource source = DatasetSource.open(path.getParent().toString(), context.spark().sparkContext().hadoopConfiguration());
    ResponseImporter importer = new ResponseImporter(dataset, benchmark, fields, labelPrefix, context.runId(), context.runDate());
    importer.imageRoot(source);
    importer.decision(decision);
    importer.defaultModel(defaultModel);
    // Long labels files (a row per annotator) are grouped into one record per answer; other rows pass through.
    AnnotatorRows rows = new AnnotatorRows(importer);
    LoadSink sink = new LoadSink(benchmark, dataset, null);
    try {
      if (!source.isFile(name)) {
        throw new ConfigException("Cannot import responses " + file + ": no such file");
      }
      switch (fmt) {
        case "csv" -> {
          String text = source.readText(name);
          importer.datasetHash(source.datasetHash());
          Records.csv(text, name, sink, (row, v) -> rows.accept(name, row, new LinkedHashMap<>(v)));
        }
        case "jsonl" -> {
          String text = source.readText(name);
          importer.datasetHash(source.datasetHash());
          Records.jsonLines(text, name, sink, (row, n) -> rows.accept(name, row, Records.flatten(n)));
        }
        default -> {
          source.hashByStatus(name);
          importer.datasetHash(source.datasetHash());
          ParquetRecords.read(source.path(name), source.conf(), null, (row, r) -> {
            rows.accept(name, Long.toString(row), r);
            return true;
          });
        }
      }
    } catch (IOException e) {
      throw new ConfigException("Cannot import responses " + file + ": " + e.getMessage(), e);
    }
    rows.finish();
    importer.addRejects(sink.rejects());
    return importer;
  }
}
