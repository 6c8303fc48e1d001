package dev.mmsafety.udf.exceptions;

/**
 * Why something was refused: a stable code and the input field at fault, or null. For an input, as the rejects table
 * records it (e.g. image_corrupt at image_uri, text_empty at source_text); for a request a server refused in an error
 * body, the server's own code (e.g. 400, rate_limit_exceeded).
 */
public record Reason(String code, String field) {}
