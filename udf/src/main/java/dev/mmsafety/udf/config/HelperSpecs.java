package dev.mmsafety.udf.config;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Helper models ({@code helpers:}) as the rest of the config refers to them: which component parameters name a
 * helper, the judges' inline {@code model} + {@code url} shorthand (an implicit helper named after the judge), and
 * the check that every name refers to a declared helper. Runs when the config is read, before anything is spent.
 */
public final class HelperSpecs {
  /** Judge param naming a helper. */
  public static final String HELPER_PARAM = "helper";
  /**
   * Component params whose value is a helper's name, whatever the component: defenses' guard, rewriter and
   * captioner, judges' helper, adaptive attacks' attacker and evaluator. {@code Param.helper} declares them.
   */
  public static final Set<String> REFERENCE_KEYS =
      Set.of("guard", "rewriter", "captioner", HELPER_PARAM, "attacker", "evaluator");
  /** The judge shorthand's params that become the implicit helper. */
  static final List<String> SHORTHAND_KEYS = List.of("model", "url", "api-key-env");

  private HelperSpecs() {}

  /**
   * The implicit helper of a judge's shorthand: one endpoint named after the judge, role guard for guard judges
   * and judge otherwise.
   */
  public static ModelSpec fromJudgeShorthand(
      String judgeName, String judgeType, String model, String url, String apiKeyEnv) {
    return new ModelSpec(judgeName, model, List.of(new EndpointSpec(judgeName, url, null, null)), apiKeyEnv,
        ModelSpec.TRANSPORT_DATA_URL, null, null, ("guard".equals(judgeType) ? HelperRole.GUARD
        : HelperRole.JUDGE).id(), null, null);
  }

  /**
   * The config with every judge shorthand ({@code model} + {@code url} params, no {@code helper}) turned into a
   * declared helper named after the judge and a {@code helper} param; other judges unchanged.
   */
  static RunConfig expandJudgeShorthand(RunConfig config, String source) {
    List<ModelSpec> helpers = new ArrayList<>(config.helpers());
    List<JudgeSpec> judges = new ArrayList<>();
    boolean changed = false;
    for (JudgeSpec j : config.judges()) {
      Map<String, Object> p = j.params();
      if (p.containsKey(HELPER_PARAM) || !p.containsKey("url") || !p.containsKey("model")) {
        judges.add(j);
        continue;
      }
      if (helpers.stream().anyMatch(h -> h.name().equals(j.name()))
          || config.models().stream().anyMatch(m -> m.name().equals(j.name()))) {
        throw new ConfigException("Cannot use config " + source + ": judges[" + j.name() + "] uses the model + url"
            + " shorthand, which declares a helper named " + j.name() + ", but that name is taken; name the declared"
            + " helper with helper: instead, or rename the judge");
      }
      helpers.add(fromJudgeShorthand(j.name(), j.type(), text(p.get("model")), text(p.get("url")),
          p.get("api-key-env") == null ? null : text(p.get("api-key-env"))));
      Map<String, Object> params = new LinkedHashMap<>(p);
      SHORTHAND_KEYS.forEach(params::remove);
      params.put(HELPER_PARAM, j.name());
      judges.add(new JudgeSpec(j.name(), j.type(), params));
      changed = true;
    }
    return changed ? config.withJudges(judges).withHelpers(helpers) : config;
  }

  /**
   * Every helper reference of defenses, judges and attacks names a declared helper; a judge gives either
   * {@code helper} or the shorthand, not both.
   */
  public static void checkReferences(RunConfig config, String source) {
    Set<String> declared = new TreeSet<>();
    config.helpers().forEach(h -> declared.add(h.name()));
    for (DefenseSpec d : config.defenses()) {
      check("defenses[" + d.label() + "]", d.params(), declared, source);
    }
    for (JudgeSpec j : config.judges()) {
      if (j.params().containsKey(HELPER_PARAM) && j.params().keySet().stream().anyMatch(SHORTHAND_KEYS::contains)) {
        throw new ConfigException("Cannot use config " + source + ": judges[" + j.name() + "] gives both helper and "
            + "model/url/api-key-env; name a helper, or use the model + url shorthand alone");
      }
      check("judges[" + j.name() + "]", j.params(), declared, source);
    }
    for (AttackSpec a : config.attacks()) {
      check("attacks[" + a.label() + "]", a.params(), declared, source);
    }
  }

  private static void check(String item, Map<String, Object> params, Set<String> declared, String source) {
    for (Map.Entry<String, Object> e : params.entrySet()) {
      if (REFERENCE_KEYS.contains(e.getKey()) && e.getValue() != null && !declared.contains(text(e.getValue()))) {
        throw new ConfigException("Cannot use config " + source + ": " + item + "." + e.getKey() + " names helper '"
            + text(e.getValue()) + "', which is not declared under helpers: (declared: "
            + (declared.isEmpty() ? "none" : String.join(", ", declared)) + ")");
      }
    }
  }

  private static String text(Object value) {
    return String.valueOf(value);
  }
}
