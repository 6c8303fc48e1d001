package dev.mmsafety.udf.registry;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The types of one family (attacks, judges or defenses), in documentation order, looked up by name. An unknown
 * name is a one-line {@link ConfigException} listing the known ones.
 *
 * @param keyWord what the config calls the type key ("name" for attacks and defenses, "type" for judges)
 */
public record Registry<F>(String family, String keyWord, List<ComponentType<F>> types) {
  public Registry {
    types = List.copyOf(types);
  }

  public List<String> names() {
    return types.stream().map(ComponentType::name).toList();
  }

  /** A made component: its descriptor and its behaviour. */
  public record Made<B>(Descriptor descriptor, B behaviour) {}

  /**
   * Makes the item {@code label} of type {@code name}: reads {@code raw} params through the type's declarations,
   * makes the behaviour with {@code create}, then fails on params nobody read.
   */
  public <B> Made<B> make(String label, String name, Map<String, Object> raw, BiFunction<F, Params, B> create) {
    ComponentType<F> type = find(label, name);
    Params params = type.reader(label, raw);
    B behaviour = create.apply(type.factory(), params);
    return new Made<>(type.describe(type.name(), params.done()), behaviour);
  }

  /** The type called {@code name}, for the configured item {@code label}. */
  public ComponentType<F> find(String label, String name) {
    if (name == null || name.isBlank()) {
      throw new ConfigException("Cannot create " + family + " " + label + ": " + keyWord + " is required");
    }
    for (ComponentType<F> type : types) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    throw new ConfigException(
        "Cannot create " + family + " " + label + ": unknown " + keyWord + " '" + name + "' (known: "
            + String.join(", ", names()) + ")");
  }
}
