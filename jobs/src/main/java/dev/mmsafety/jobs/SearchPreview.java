package dev.mmsafety.jobs;

import dev.mmsafety.schemas.AttackRoundsTable;
import dev.mmsafety.udf.attack.AttackScope;
import dev.mmsafety.udf.attack.CaseView;
import dev.mmsafety.udf.attack.Seeds;
import dev.mmsafety.udf.attack.adaptive.AdaptiveAttack;
import dev.mmsafety.udf.attack.adaptive.AdaptiveAttacks;
import dev.mmsafety.udf.attack.adaptive.Carrier;
import dev.mmsafety.udf.attack.adaptive.SearchDriver;
import dev.mmsafety.udf.attack.adaptive.SearchOutcome;
import dev.mmsafety.udf.attack.adaptive.VisualCarriers;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.sim.SimProfile;
import dev.mmsafety.udf.sim.SimulatedWorker;
import dev.mmsafety.udf.spark.AttackRoundRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * {@code attack preview --attack pair|tap}: one case's search run against the simulated worker (the
 * {@code attacker} and {@code judge} profiles as attacker and evaluator, a {@code robust} target that yields to no
 * strategy, so every round runs and every carrier is drawn), written as files: {@code <case>.<label>.rounds.txt}
 * (one line per attack_rounds row) and {@code <case>.<label>.node<N>.png} (the carrier image node N sent the
 * target). Each image file's sha256 is checked against its row's {@code carrier_sha256}: a mismatch is an error.
 */
public final class SearchPreview {
  static final String ATTACKER = "sim-attacker";
  static final String EVALUATOR = "sim-judge";
  static final String TARGET = "sim-target";
  private static final SimulatorSpec SIMULATOR = new SimulatorSpec(16, 1L, 0L, null, null, null, null, null);

  /** What was written: the search's nodes, its carrier images (each checked), and the files. */
  public record Summary(String caseId, int nodes, int images, String stopReason, List<Path> files) {}

  private SearchPreview() {}

  /** Runs the search of the first case {@code spec} applies to (run seed {@code runSeed}) and writes it to {@code out}. */
  public static Summary write(List<CaseView> cases, AttackSpec spec, long runSeed, Path out) throws IOException {
    if (spec.params().containsKey("scorer")) {
      throw new ConfigException("Cannot preview attack " + spec.label() + ": scorer names a judge of a config; the"
          + " preview rates with the simulated evaluator (drop --param scorer)");
    }
    Map<String, Object> params = new LinkedHashMap<>(spec.params());
    params.putIfAbsent("attacker", ATTACKER);
    params.putIfAbsent("evaluator", EVALUATOR);
    AdaptiveAttack attack = AdaptiveAttacks.create(spec.label(), spec.name(), params);
    AttackScope scope = AttackScope.of(spec);
    CaseView c = cases.stream().filter(v -> scope.applies(v.benchmark(), v.variant(), v.imageUri() != null))
        .findFirst().orElseThrow(() -> new ConfigException("Cannot preview attack " + spec.label()
            + ": it applies to none of the " + cases.size() + " case(s) read"));
    long seed = spec.seed() != null ? spec.seed() : Seeds.derive(runSeed, c.caseId(), spec.label());
    Recording carrier = new Recording(VisualCarriers.of(attack.carrier()));
    SearchOutcome o;
    try (SimulatedWorker sim = SimulatedWorker.start(SIMULATOR,
        Map.of(ATTACKER, SimProfile.ATTACKER.id(), EVALUATOR, SimProfile.JUDGE.id(), TARGET, SimProfile.ROBUST.id()))) {
      SearchDriver driver = new SearchDriver(model(sim, ATTACKER), model(sim, EVALUATOR), model(sim, TARGET));
      o = driver.run(attack.search(c.instruction(), seed, carrier)).join();
    }
    Files.createDirectories(out);
    String stem = c.caseId().replace(':', '_').replace('/', '_') + "." + spec.label();
    List<Path> files = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    int images = 0;
    for (var step : o.steps()) {
      Row row = AttackRoundRows.of("preview", "preview", c.caseId(), TARGET, spec.label(), step);
      lines.append(line(row)).append('\n');
      String sha = AttackRoundsTable.CARRIER_SHA256.getString(row);
      if (sha == null) {
        continue;
      }
      Path file = Files.write(out.resolve(stem + ".node" + step.node() + ".png"),
          carrier.image(AttackRoundsTable.ATTACKER_PROMPT.getString(row)));
      files.add(checked(file, sha, spec.label(), step.node()));
      images++;
    }
    lines.append("stop: ").append(o.stopReason()).append(", best node: ")
        .append(o.best() == null ? "none (" + o.rejectReason() + ")" : o.best().node()).append('\n');
    files.add(0, Files.writeString(out.resolve(stem + ".rounds.txt"), lines, StandardCharsets.UTF_8));
    return new Summary(c.caseId(), o.steps().size(), images, o.stopReason(), files);
  }

  /** {@code file} when its bytes hash to {@code sha} (the node's carrier_sha256); an error naming both otherwise. */
  static Path checked(Path file, String sha, String label, int node) throws IOException {
    String written = Hashing.sha256Hex(Files.readAllBytes(file));
    if (!written.equals(sha)) {
      throw new IllegalStateException("Cannot preview attack " + label + ": node " + node + "'s carrier image "
          + file.getFileName() + " hashes to " + written + " but its attack_rounds row says " + sha);
    }
    return file;
  }

  private static SearchDriver.Model model(SimulatedWorker sim, String name) {
    ModelSpec spec = new ModelSpec(name, name, List.of(new EndpointSpec("sim", sim.baseUrl(), 8, null)), null, null,
        null, null);
    return new SearchDriver.Model(name, ModelClients.shared(spec, InferenceSpec.DEFAULT, HadoopImageLoader.local(), 1),
        null);
  }

  /** One attack_rounds row as a line of the rounds file. */
  private static String line(Row r) {
    return "node " + AttackRoundsTable.NODE.get(r) + " round " + AttackRoundsTable.ROUND.get(r) + " stream "
        + AttackRoundsTable.STREAM.get(r) + " parent " + AttackRoundsTable.PARENT.get(r) + " score "
        + AttackRoundsTable.SCORE.get(r) + " pruned " + AttackRoundsTable.PRUNED.get(r)
        + (AttackRoundsTable.WHY.get(r) == null ? "" : " (" + AttackRoundsTable.WHY.get(r) + ")")
        + (AttackRoundsTable.CARRIER_SHA256.get(r) == null ? "" : " carrier_sha256 "
            + AttackRoundsTable.CARRIER_SHA256.get(r))
        + "\n  prompt: " + AttackRoundsTable.ATTACKER_PROMPT.get(r);
  }

  /** The carrier the search used, keeping the image it drew for each prompt (the bytes the target received). */
  private static final class Recording implements Carrier {
    private final Carrier carrier;
    private final Map<String, byte[]> images = new HashMap<>();

    Recording(Carrier carrier) {
      this.carrier = carrier;
    }

    @Override
    public synchronized List<ContentPart> parts(String prompt) {
      List<ContentPart> parts = carrier.parts(prompt);
      parts.stream().filter(ContentPart::isImage).findFirst().ifPresent(p -> images.put(prompt, p.bytes()));
      return parts;
    }

    synchronized byte[] image(String prompt) {
      return images.get(prompt);
    }
  }
}
