package dev.mmsafety.jobs;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.schemas.TableContract;
import dev.mmsafety.schemas.Tables;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.spark.ModelSqlFunctions;
import dev.mmsafety.udf.spark.SqlCallGuard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * One analyst SQL query over a config's output root, with every table written there as a view of the same name
 * (all run dates; filter on {@code run_date}) and {@code mllm_generate} bound to the config's models.
 *
 * <p>The call-count guard: a query that mentions {@code mllm_generate} is first run with a stand-in that calls
 * nothing and counts the rows it is applied to, with the same plan and the same action ({@code take}) as the real
 * run. More than {@code maxCalls} rows and the query is refused before any call. Because the function is
 * non-deterministic, Spark evaluates it before a sort or limit above it: {@code SELECT mllm_generate(..) FROM
 * probes ORDER BY case_id LIMIT 8} applies it to every probe and is refused; applying it outside a subquery that
 * sorts and limits calls only the rows kept. The real run is capped again by {@link SqlCallGuard}.
 *
 * @param maxCalls most model calls the query may make
 * @param maxRows most result rows printed
 */
public record AnalystQuery(long maxCalls, int maxRows) {
  public static final long MAX_CALLS_DEFAULT = 20;
  public static final int MAX_ROWS_DEFAULT = 100;

  public AnalystQuery {
    if (maxCalls < 0 || maxRows < 1) {
      throw new ConfigException("Cannot run query: --max-calls must be >= 0 and --max-rows >= 1");
    }
  }

  /** What the query did: rows the dry run counted, calls made, rows printed, more rows left out. */
  public record Result(long plannedCalls, long calls, int rows, boolean truncated) {}

  /** Runs {@code query} against {@code config}'s output root and prints the result as tab-separated lines. */
  public Result run(RunConfig config, String query, PrintWriter out) {
    try (SimulatorLauncher simulator = SimulatorLauncher.startIfNeeded(config)) {
      RunConfig resolved = simulator.config();
      String root = resolved.run().output().replaceAll("/+$", "");
      SparkSession spark = SparkSessions.getOrCreate(resolved.spark(), "mmsafety-sql", root);
      List<String> views = registerViews(spark, root);
      out.println("-- views: " + (views.isEmpty() ? "(none: nothing written under " + root + ")"
          : String.join(", ", views)));
      long planned = 0;
      if (query.toLowerCase(Locale.ROOT).contains(ModelSqlFunctions.GENERATE)) {
        LongAccumulator applied = spark.sparkContext().longAccumulator("mmsafety.sql.dry_run_rows");
        ModelSqlFunctions.registerDryRun(spark, applied);
        parse(spark, query).takeAsList(maxRows + 1); // the same plan and action as the real run below
        planned = applied.value();
        if (planned > maxCalls) {
          throw new ConfigException(String.format(Locale.ROOT, "Cannot run query: it would call %s %d times, more"
              + " than --max-calls %d (apply it to a subquery that sorts and limits first, or pass --max-calls %d)",
              ModelSqlFunctions.GENERATE, planned, maxCalls, planned));
        }
        out.println("-- " + ModelSqlFunctions.GENERATE + " is applied to " + planned + " rows (dry run, no call"
            + " made; --max-calls " + maxCalls + ")");
      }
      LongAccumulator calls = spark.sparkContext().longAccumulator("mmsafety.sql.calls");
      SqlCallGuard guard = new SqlCallGuard(maxCalls, calls);
      ModelSqlFunctions.register(spark, resolved, guard);
      List<Row> rows;
      List<String> columns;
      try {
        Dataset<Row> result = parse(spark, query);
        columns = List.of(result.columns());
        rows = result.takeAsList(maxRows + 1);
      } finally {
        guard.release();
      }
      boolean truncated = rows.size() > maxRows;
      List<Row> shown = truncated ? rows.subList(0, maxRows) : rows;
      out.println(String.join("\t", columns));
      for (Row r : shown) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < r.length(); i++) {
          cells.add(cell(r.get(i)));
        }
        out.println(String.join("\t", cells));
      }
      out.println("-- " + shown.size() + " rows" + (truncated ? " (more left out: --max-rows " + maxRows + ")" : "")
          + ", " + calls.value() + " model calls");
      out.flush();
      return new Result(planned, calls.value(), shown.size(), truncated);
    }
  }

  private static List<String> registerViews(SparkSession spark, String root) {
    TableIO io = new TableIO(spark, root, "unused");
    List<String> views = new ArrayList<>();
    for (TableContract table : Tables.all()) {
      Path path = new Path(io.tablePath(table));
      try {
        if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
          continue;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
      }
      io.read(table).createOrReplaceTempView(table.name());
      views.add(table.name());
    }
    return views;
  }

  private static Dataset<Row> parse(SparkSession spark, String query) {
    try {
      return spark.sql(query);
    } catch (Exception e) { // AnalysisException is checked in Java's eyes but not declared by sql()
      if (e instanceof AnalysisException) { // ParseException is one too
        String message = String.valueOf(e.getMessage()).strip();
        int nl = message.indexOf('\n');
        throw new ConfigException("Cannot run query: " + (nl < 0 ? message : message.substring(0, nl)).strip());
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private static String cell(Object value) {
    return value == null ? "NULL" : value.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }
}
