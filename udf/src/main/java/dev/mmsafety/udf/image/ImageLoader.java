package dev.mmsafety.udf.image;

import java.io.IOException;

/** Reads image bytes by URI (Hadoop URI or local path) inside an executor. */
@FunctionalInterface
public interface ImageLoader {
  byte[] load(String uri) throws IOException;
}
