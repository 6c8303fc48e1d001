package dev.mmsafety.jobs.cluster;

import dev.mmsafety.jobs.Samples;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.SparkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The run config the process-fault tests submit: two of the bundled samples without attacks and defenses (so every probe
 * asks something different and a request sent twice can only be a fault's doing), one offline judge and no helpers
 * (so only the model under test calls the simulator), the model pointed at a simulated worker in the test JVM (so
 * the test reads its counters), and a small in-flight window.
 */
final class FullRunConfigs {
  /** What the test's simulated worker serves: the quickstart model's name (preflight asks for it). */
  static final Map<String, String> SERVED = Map.of("sim-mllm", "text-aligned");

  private FullRunConfigs() {}

  static Path write(Path dir, Path out, String simulatorUrl, int window, String name) throws Exception {
    Path samples = Samples.extractTo(dir.resolve("samples"));
    RunConfig base =
        ConfigLoader.parse(Files.readString(samples).replace("${out}", out.toString()), samples.toString());
    ModelSpec sim = base.models().get(0);
    ModelSpec model = sim.with(b -> {
      b.endpoints = List.of(new EndpointSpec("sim-0", simulatorUrl, 64, true));
      b.apiKeyEnv = null;
    });
    RunConfig config =
        base.withSpark(new SparkSpec(null, 4, Map.of()))
            // FigStep's text cases and MOSSBench's image cases: text and image requests, at two fifths of the
            // ingest work of the three bundled datasets.
            .withDatasets(base.datasets().stream().filter(d -> !d.name().equals("mm-safetybench")).toList())
            .withAttacks(List.of(AttackSpec.NONE))
            .withModels(List.of(model))
            .withDefenses(List.of(DefenseSpec.NONE))
            .withJudges(List.of(base.judges().get(0)))
            .withHelpers(List.of())
            .withInference(InferenceSpec.DEFAULT.with(s -> s.window = window));
    Path file = dir.resolve(name + ".json");
    Files.writeString(file, ConfigLoader.toJson(config));
    return file;
  }
}
