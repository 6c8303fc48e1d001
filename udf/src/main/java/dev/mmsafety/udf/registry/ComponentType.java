package dev.mmsafety.udf.registry;

import java.util.List;
import java.util.Map;

/**
 * The one declaration of an attack, judge or defense type: registry name, version, a one-line doc, the parameters
 * it accepts, and how to make one. Registries are lists of these; the docs tables are rendered from them.
 *
 * @param family attack, judge or defense (the word in error messages)
 * @param factory makes the component from its params (the registry's own factory shape)
 * @param <F> the factory's type
 */
public record ComponentType<F>(String family, String name, String version, String doc, List<Param> params, F factory) {
  public ComponentType {
    params = List.copyOf(params);
  }

  /** A reader for one configured item's params, naming {@code label} in errors. */
  public Params reader(String label, Map<String, Object> raw) {
    return new Params(family, label, params, raw);
  }

  /** The descriptor of an instance called {@code instanceName} with these resolved params. */
  public Descriptor describe(String instanceName, Map<String, Object> resolved) {
    return new Descriptor(instanceName, name, version, resolved, doc);
  }
}
