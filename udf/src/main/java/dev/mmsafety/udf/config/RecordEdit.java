package dev.mmsafety.udf.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The one copy-with of the config records that have many parts: the record's components are read, some replaced,
 * and handed back to the canonical constructor, so a copy gets the same defaults and checks as any record and no
 * record restates its parts to copy them.
 */
final class RecordEdit {
  private RecordEdit() {}

  /** The copy's value of the component called {@code name}. */
  private interface Part {
    Object value(String name) throws ReflectiveOperationException;
  }

  /**
   * {@code from} with {@code change} applied to {@code builder}, whose public fields are named as the record's
   * components and start as their values.
   */
  static <R extends Record, B> R apply(R from, B builder, Consumer<B> change) {
    try {
      for (RecordComponent part : from.getClass().getRecordComponents()) {
        builder.getClass().getField(part.getName()).set(builder, part.getAccessor().invoke(from));
      }
    } catch (ReflectiveOperationException e) {
      throw mismatch(from, e);
    }
    change.accept(builder);
    return rebuild(from, name -> builder.getClass().getField(name).get(builder));
  }

  /** {@code from} with its component {@code name} set to {@code value}. */
  static <R extends Record> R replace(R from, String name, Object value) {
    if (Arrays.stream(from.getClass().getRecordComponents()).noneMatch(part -> part.getName().equals(name))) {
      throw mismatch(from, new NoSuchFieldException(name));
    }
    return rebuild(from, part -> part.equals(name) ? value : from.getClass().getMethod(part).invoke(from));
  }

  private static <R extends Record> R rebuild(R from, Part part) {
    RecordComponent[] parts = from.getClass().getRecordComponents();
    Class<?>[] types = new Class<?>[parts.length];
    Object[] values = new Object[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        types[i] = parts[i].getType();
        values[i] = part.value(parts[i].getName());
      }
      @SuppressWarnings("unchecked")
      Class<R> type = (Class<R>) from.getClass();
      return type.getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      // The constructor's own check (an IllegalArgumentException) reaches the caller as it would without the copy.
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw mismatch(from, e);
    }
  }

  private static IllegalStateException mismatch(Record from, ReflectiveOperationException e) {
    return new IllegalStateException("Cannot copy " + from.getClass().getSimpleName() + ": " + e, e);
  }
}
