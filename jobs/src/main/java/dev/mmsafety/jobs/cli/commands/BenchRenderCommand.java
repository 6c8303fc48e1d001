package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.udf.attack.RenderBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench render}: typography rendering speed (FigStep, MM-SafetyBench TYPO), ours against Pillow. */
@Command(name = "render",
    description = "Render N FigStep images and N MM-SafetyBench TYPO banners with our renderer and with Pillow (one"
        + " python process per kind), one thread each, and print images/s/core for both and the ratio.",
    footer = {"", "Example:", "  ./mmsafety bench render --count 500"})
public final class BenchRenderCommand extends CliCommand {
  @Option(names = "--count", defaultValue = "500", description = "Images per renderer (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--python",
      defaultValue = "/usr/bin/python3",
      description = "Python with Pillow (Debian: python3-pil) (default: ${DEFAULT-VALUE}).")
  Path python;

  @Override
  protected int execute() throws Exception {
    if (count < 1) {
      spec.commandLine().getErr().println("Cannot benchmark rendering: --count " + count + " is not positive");
      return 2;
    }
    PrintWriter out = out();
    for (RenderBenchmark.Result r : RenderBenchmark.run(count, python)) {
      out.printf("%s render + PNG encode, %d images, one thread each%n", r.kind(), r.images());
      out.printf("  ours   (Java2D):        %8.1f images/s/core%n", r.oursPerSecond());
      if (r.pillowNote() != null) {
        out.printf("  pillow: unavailable (%s)%n", r.pillowNote());
        continue;
      }
      out.printf("  pillow (%s): %8.1f images/s/core%n", python, r.pillowPerSecond());
      out.printf("  ratio ours/pillow: %.2fx%n", r.ratio());
    }
    return 0;
  }
}
