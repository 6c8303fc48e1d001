package dev.mmsafety.udf.attack;

import java.util.Map;

/**
 * The fields of a cases row that attacks read (see CasesTable). {@code extra} holds native fields such as HADES'
 * {@code keywords} and {@code category}.
 */
public record CaseView(
    String caseId,
    String benchmark,
    String nativeId,
    String promptText,
    String sourceText,
    String keyPhrase,
    String imageUri,
    String imageSha256,
    Map<String, String> extra,
    String variant) {

  public CaseView {
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public CaseView(
      String caseId, String benchmark, String nativeId, String promptText, String sourceText, String keyPhrase,
      String imageUri, String imageSha256, Map<String, String> extra) {
    this(caseId, benchmark, nativeId, promptText, sourceText, keyPhrase, imageUri, imageSha256, extra, null);
  }

  public boolean hasImage() {
    return imageUri != null && !imageUri.isBlank();
  }

  /** The instruction attacks render: source_text, else prompt_text (the caller notes the fallback). */
  public String instruction() {
    return sourceText != null && !sourceText.isBlank() ? sourceText : promptText;
  }

  public boolean hasSourceText() {
    return sourceText != null && !sourceText.isBlank();
  }

  /** The note of the fallback to prompt_text ("no source_text: {@code verb} prompt_text"), null when none. */
  String fallbackNote(String verb) {
    return hasSourceText() ? null : "no source_text: " + verb + " prompt_text";
  }

  /** {@link #instruction()} for attacks that cannot run without it: none is a {@code text_empty} reject. */
  String requireInstruction() throws AttackException {
    String instruction = instruction();
    if (instruction == null || instruction.isBlank()) {
      throw new AttackException("text_empty", "source_text", "Cannot attack case " + caseId() + ": no instruction text");
    }
    return instruction;
  }
}
