package dev.mmsafety.jobs;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.spark.InferencePlanner;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code plan} prints, and its time estimate. A model's calls run {@code min(sum of its endpoints'
 * max-concurrency, partitions x inference.window)} at a time, each taking the assumed latency; models run side by
 * side, so the whole stage takes as long as the slowest model, or longer when all their calls together exceed the
 * run's own in-flight limit (partitions x window).
 */
record PlanTable(RunConfig run, long latencyMs) {
  private static final String ROW = "%-24s %10s %10s %10s %12s %16s %18s %12s%n";

  void print(PrintWriter out, String source, long probes, List<InferencePlanner.ModelPlan> plans) {
    out.printf(Locale.ROOT, "Plan for %s: %d probes x %d models x %d defenses%n", source, probes,
        run.models().size(), run.defenses().size());
    out.printf(Locale.ROOT, ROW, "model", "requests", "cached", "to call", "over budget", "prompt tokens~",
        "completion tok <=", "time~");
    long requests = 0, cached = 0, toCall = 0, over = 0, prompt = 0, completion = 0, slowest = 0;
    for (InferencePlanner.ModelPlan p : plans) {
      long ms = millis(p.toCall(), concurrency(model(p.model())));
      out.printf(Locale.ROOT, ROW, p.model(), p.requests(), p.cached(), p.toCall(), p.overBudget(),
          p.estPromptTokens(), p.maxCompletionTokens(), duration(ms));
      requests += p.requests();
      cached += p.cached();
      toCall += p.toCall();
      over += p.overBudget();
      prompt += p.estPromptTokens();
      completion += p.maxCompletionTokens();
      slowest = Math.max(slowest, ms);
    }
    long total = Math.max(slowest, millis(toCall, inFlightLimit()));
    out.printf(Locale.ROOT, ROW, "total", requests, cached, toCall, over, prompt, completion, duration(total));
    out.printf(Locale.ROOT, "Time assumes %d ms per request, each model's endpoints' max-concurrency at once (at most"
        + " partitions x window = %d in flight); cached answers come from %s/cache/responses.%n", latencyMs,
        inFlightLimit(), run.run().output());
  }

  private ModelSpec model(String name) {
    return run.models().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  private long concurrency(ModelSpec model) {
    long endpoints = model.endpoints().stream().mapToLong(EndpointSpec::maxConcurrency).sum();
    return Math.max(1, Math.min(endpoints, inFlightLimit()));
  }

  private long inFlightLimit() {
    return (long) run.spark().partitions() * run.inference().window();
  }

  private long millis(long calls, long concurrency) {
    return (calls + concurrency - 1) / concurrency * latencyMs;
  }

  static String duration(long ms) {
    long s = (ms + 999) / 1000;
    return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
  }
}
