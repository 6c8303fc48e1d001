/**
 * Model answers read one way everywhere: one parser per answer format (Llama Guard, yes/no, safe/unsafe, refusal
 * score, safe/effective, 1-10 rating, adaptive attacker output), used by judges and defenses alike, with one tolerance ({@link AnswerText#clean}):
 * case-insensitive words, markdown, brackets and quotes ignored, a leading {@code answer:}-style label dropped,
 * trailing punctuation dropped. Anything else is unparseable, never a guessed default. Model output is untrusted
 * input: parsers never throw on it.
 */
package dev.mmsafety.udf.answers;
