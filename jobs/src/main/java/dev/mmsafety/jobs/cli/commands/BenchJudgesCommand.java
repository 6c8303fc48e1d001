package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.bench.JudgesAblation;
import dev.mmsafety.jobs.bench.JudgesBench;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.udf.judge.classifier.JudgeData;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench judges}: every judge on the held-out set (or the validation split), and the offline judge's speed. */
@Command(name = "judges",
    description = "Score the offline judge, the keyword lists and a cascade with a scripted LLM judge on labelled"
        + " answers (data/judges): accuracy, precision, recall, F1, ECE, accuracy by language, texts/s/core."
        + " --cv and --ablation instead validate on the training files (leave one writer out).",
    footer = {"", "Examples:", "  ./mmsafety bench judges", "  ./mmsafety bench judges --cv --cache /tmp/judge-embeddings",
      "  ./mmsafety bench judges --ablation --cache /tmp/judge-embeddings"})
public final class BenchJudgesCommand extends CliCommand {
  @Option(names = "--data", description = "The labelled data folder (default: data/judges of this checkout).")
  Path data;

  @Option(names = "--llm-noise", defaultValue = "0.03",
      description = "Share of answers the scripted LLM judge gets wrong (default: ${DEFAULT-VALUE}).")
  double llmNoise;

  @Option(names = "--max-llm-share", defaultValue = "0.3",
      description = "The cascades' target: at most this share goes to the LLM judge (default: ${DEFAULT-VALUE}).")
  double maxLlmShare;

  @Option(names = "--ablation", description = "Compare encoders, feature sets and L2 under leave-one-writer-out "
      + "cross-validation of the training files instead (the held-out set is not read).")
  boolean ablation;

  @Option(names = "--cv", description = "The shipped recipe under leave-one-writer-out cross-validation instead: per "
      + "fold and pooled figures, reliability, cascade cuts (the held-out set is not read).")
  boolean cv;

  @Option(names = "--encoders", split = ",", description = "Encoders for --ablation (default: all candidates).")
  java.util.List<String> encoders;

  @Option(names = "--misses", paramLabel = "FILE", description = "With --cv: write every out-of-fold verdict that "
      + "disagrees with its label to FILE (JSON lines: head, row, label, probability, question, answer).")
  Path misses;

  @Option(names = "--cache", description = "Folder to keep --ablation's and --cv's embeddings in between runs.")
  Path cache;

  @Override
  protected int execute() throws Exception {
    if (misses != null && !cv) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--misses needs --cv");
    }
    PrintWriter out = out();
    Path dir = data != null ? data : JudgeData.locate();
    if (ablation) {
      new JudgesAblation(dir, encoders, cache).run(out);
    } else if (cv) {
      new JudgesAblation(dir, encoders, cache).shipped(out, misses);
    } else {
      new JudgesBench(dir, llmNoise, maxLlmShare).run(out);
    }
    out.flush();
    return 0;
  }
}
