package dev.mmsafety.jobs.bench;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Linear cost ({@code bench scale}): the whole pipeline (ingest with image validation, attack none, the simulated
 * worker, the advbench judge, metrics, report) at each of several sizes in one JVM, after an unmeasured warm-up
 * run, printing the time per probe at each size, its ratio to the first size's, and the peak heap. Local mode:
 * the driver and the executors share this JVM's heap, so the peak bounds both.
 */
public record ScaleBench(List<Integer> sizes, int warmup, int images, int partitions, Path work) {
  public ScaleBench {
    if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n <= 0) || warmup < 0 || images <= 0 || partitions <= 0) {
      throw new ConfigException("Cannot run bench scale: sizes, --images and --partitions must be positive");
    }
    sizes = List.copyOf(sizes);
  }

  /** Runs every size; true when every run turned all its rows into cases. */
  public boolean run(PrintWriter out) throws IOException {
    if (warmup > 0) {
      out.printf(Locale.ROOT, "warm-up: %d probes (not measured)%n", warmup);
      new IngestBench(warmup, images, 64, partitions, Files.createDirectories(work.resolve("warmup")), true)
          .measure(new PrintWriter(java.io.Writer.nullWriter()));
    }
    List<IngestBench.Figures> all = new ArrayList<>();
    for (int n : sizes) {
      out.printf(Locale.ROOT, "%n== %d probes ==%n", n);
      all.add(new IngestBench(n, images, 64, partitions, Files.createDirectories(work.resolve("n" + n)), true)
          .measure(out));
    }
    double first = all.get(0).seconds() / all.get(0).rows();
    out.println();
    out.println("probes     ms/probe  ratio to first  peak heap (sampled)  live after GC  peak RSS of the JVM so far");
    boolean ok = true;
    for (IngestBench.Figures f : all) {
      double perProbe = f.seconds() / f.rows();
      out.printf(Locale.ROOT, "%-9d  %8.3f  %14.3f  %16d MB  %10d MB  %s%n", f.rows(), 1000 * perProbe,
          perProbe / first, f.sampledPeakBytes() >> 20, f.liveAfterGcBytes() >> 20, peakRss());
      ok &= f.cases() == f.rows();
    }
    out.printf(Locale.ROOT, "max heap %d MB, partitions %d%n", Runtime.getRuntime().maxMemory() >> 20, partitions);
    out.flush();
    return ok;
  }

  /** VmHWM from /proc (Linux), the most resident memory this process had; "n/a" elsewhere. */
  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return line.substring(6).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "n/a";
  }
}
