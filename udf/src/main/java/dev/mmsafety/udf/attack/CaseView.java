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
}
