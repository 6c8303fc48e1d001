package dev.mmsafety.udf.config;

import java.util.function.Consumer;
import java.util.function.Function;

/** The one copy-with of the config records that have many parts: a builder of plain fields, changed, rebuilt. */
final class RecordEdit {
  private RecordEdit() {}

  /** {@code change} applied to {@code builder} (a copy of the record's parts), then built and checked again. */
  static <B, R> R apply(B builder, Consumer<B> change, Function<B, R> build) {
    change.accept(builder);
    return build.apply(builder);
  }
}
