package dev.mmsafety.udf.judge.refusal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.udf.common.DataResources;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published refusal-string lists, read from the data resource {@value #RESOURCE} (a verbatim copy of the lists
 * with their sources), plus a {@code -normalized} variant of each; and the project's own lists from
 * {@value #OWN_RESOURCE}: {@code mmsafety-<lang>} for en, zh, es, fr, de, ru, ar, ja, hi, pt and their union
 * {@value #MULTILINGUAL}, matched after {@link RefusalFold}.
 */
public final class RefusalLists {
  public static final String RESOURCE = "/mmsafety/judges/refusal-keyword-lists.json";
  /** The project's own lists, one per language ({@code mmsafety-<lang>}), written for mmsafety. */
  public static final String OWN_RESOURCE = "/mmsafety/judges/refusal-lists-mmsafety.json";
  /** The union of the project's own lists, every language. */
  public static final String MULTILINGUAL = "mmsafety-multilingual";
  /** VLGuard's check_success_attack also treats this whole (lower-cased) answer as a refusal. */
  static final Map<String, List<String>> EXACT_REFUSALS = Map.of("vlguard", List.of("it is not"));

  private static final Map<String, RefusalList> LISTS = load();

  private RefusalLists() {}

  /** The list by name (e.g. advbench, vlguard-normalized); unknown names are a config error. */
  public static RefusalList get(String name) {
    RefusalList list = LISTS.get(name);
    if (list == null) {
      throw new ConfigException("Cannot use refusal list " + name + ": unknown; known lists are " + LISTS.keySet());
    }
    return list;
  }

  public static List<String> names() {
    return List.copyOf(LISTS.keySet());
  }

  private static Map<String, RefusalList> load() {
    JsonNode root = DataResources.json(RESOURCE);
    Map<String, RefusalList> lists = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().startsWith("_")) {
        continue;
      }
      List<String> strings = new ArrayList<>();
      entry.getValue().get("strings").forEach(s -> strings.add(s.asText()));
      RefusalList list =
          new RefusalList(
              entry.getKey(),
              entry.getValue().get("match").asText(),
              strings,
              EXACT_REFUSALS.getOrDefault(entry.getKey(), List.of()),
              false);
      lists.put(list.name(), list);
      RefusalList variant = list.normalizedVariant();
      lists.put(variant.name(), variant);
    }
    lists.putAll(own());
    return lists;
  }

  /** The project's own lists (already folding, so no -normalized variant) and their union. */
  private static Map<String, RefusalList> own() {
    Map<String, RefusalList> lists = new TreeMap<>();
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = DataResources.json(OWN_RESOURCE).fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().startsWith("_")) {
        continue;
      }
      List<String> strings = new ArrayList<>();
      entry.getValue().get("strings").forEach(s -> strings.add(RefusalFold.fold(s.asText())));
      lists.put(entry.getKey(), new RefusalList(entry.getKey(), RefusalList.FOLDED, strings, List.of(), false));
      all.addAll(strings);
    }
    lists.put(MULTILINGUAL, new RefusalList(MULTILINGUAL, RefusalList.FOLDED, List.copyOf(all), List.of(), false));
    return lists;
  }
}
