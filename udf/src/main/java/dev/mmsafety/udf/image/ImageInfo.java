package dev.mmsafety.udf.image;

import java.io.Serializable;

/**
 * What ingest records about a valid image.
 *
 * @param sha256 hex sha256 of the file bytes
 * @param width decoded width, px
 * @param height decoded height, px
 * @param format decoded format, lower case: png, jpeg, gif, bmp
 * @param bytes file size
 */
public record ImageInfo(String sha256, int width, int height, String format, long bytes) implements Serializable {}
