package dev.mmsafety.udf.exceptions;

/**
 * Why an input was refused, as the rejects table records it: a stable reason code (e.g. image_corrupt,
 * text_empty, path_escapes_root) and the input field at fault (e.g. image_uri, source_text), or null.
 */
public record Reason(String code, String field) {}
