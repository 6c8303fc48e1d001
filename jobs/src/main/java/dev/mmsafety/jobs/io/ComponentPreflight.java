package dev.mmsafety.jobs.io;

import dev.mmsafety.udf.attack.Attacks;
import dev.mmsafety.udf.attack.adaptive.AdaptiveAttacks;
import dev.mmsafety.udf.attack.adaptive.JudgeScorer;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.HelperSpecs;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.defense.Defenses;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.ingest.Benchmarks;
import dev.mmsafety.udf.judge.JudgeCallers;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.model.ModelCaller;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes every component a config names, on the driver, before anything is read or called: dataset loaders and
 * their options, attacks, defenses (and the models they call), judges (types, lists, templates, params, cascade
 * stages), simulator profiles. Each registry raises its own one-line "Cannot create ..." error; this class only
 * calls them all in one place and adds the checks that span sections. Nothing here opens a connection: judge model
 * clients are made on first use, and only their specs are collected, for {@link EndpointPreflight}.
 */
public final class ComponentPreflight {
  private ComponentPreflight() {}

  /** What the check found that later checks need. */
  public record Checked(List<EndpointPreflight.Target> judgeModels) {}

  /** Checks every component of a run (which needs models and judges) and returns the judges' models. */
  public static Checked checkRun(RunConfig config) {
    if (config.models().isEmpty()) {
      throw new ConfigException("Cannot generate responses: the config lists no models");
    }
    if (config.judges().isEmpty()) {
      throw new ConfigException("Cannot judge responses: no judges configured (see docs/judges.md)");
    }
    return check(config);
  }

  /** Checks every component the config names; sections left empty are not required here. */
  public static Checked check(RunConfig config) {
    Set<String> benchmarks = new LinkedHashSet<>();
    for (DatasetSpec dataset : config.datasets()) {
      benchmarks.add(Benchmarks.check(dataset).name());
    }
    for (AttackSpec attack : config.attacks()) {
      if (AdaptiveAttacks.isAdaptive(attack.name())) {
        JudgeScorer.checkDeclared(AdaptiveAttacks.create(attack.label(), attack.name(), attack.params()),
            attack.label(), config.judges());
      } else {
        Attacks.create(attack);
      }
      checkAppliesToSomeDataset(attack, benchmarks);
    }
    for (DefenseSpec spec : config.defenses()) {
      Defenses.create(spec);
    }
    // The models defenses, judges and attacks call are helpers they name: the config reader's one check of those.
    HelperSpecs.checkReferences(config, config.run() == null ? "as given" : "of run " + config.run().name());
    dev.mmsafety.udf.sim.SimProfiles.served(config); // every simulator-profile names a profile
    JudgeModels judgeModels = new JudgeModels();
    Judges.createAll(config.judges(), new Judges.Resources(judgeModels, config.inference(), null, config.helpers()));
    return new Checked(List.copyOf(judgeModels.seen));
  }

  /** An attack limited to benchmarks no dataset has would make no probe: almost always a typo. */
  private static void checkAppliesToSomeDataset(AttackSpec attack, Set<String> benchmarks) {
    if (attack.benchmarks().isEmpty()) {
      return;
    }
    for (String b : attack.benchmarks()) {
      if (!Benchmarks.names().contains(b)) {
        throw new ConfigException("Cannot create attack " + attack.label() + ": benchmarks names '" + b
            + "', which is not a benchmark (known: " + String.join(", ", Benchmarks.names()) + ")");
      }
    }
    if (attack.benchmarks().stream().noneMatch(benchmarks::contains)) {
      throw new ConfigException("Cannot create attack " + attack.label() + ": it applies to benchmarks "
          + new TreeSet<>(attack.benchmarks()) + ", which no dataset has (datasets' benchmarks: "
          + new TreeSet<>(benchmarks) + ")");
    }
  }

  /** Collects judge model specs as judges are made; never makes a caller (the driver calls no judge model). */
  private static final class JudgeModels implements JudgeCallers {
    private static final long serialVersionUID = 1L;
    private final transient List<EndpointPreflight.Target> seen = new ArrayList<>();

    @Override
    public void declared(ModelSpec judgeModel) {
      seen.add(EndpointPreflight.Target.judge(judgeModel));
    }

    @Override
    public ModelCaller create(ModelSpec judgeModel, InferenceSpec inference) {
      throw new IllegalStateException("Cannot call judge model " + judgeModel.name() + " during preflight");
    }
  }
}
