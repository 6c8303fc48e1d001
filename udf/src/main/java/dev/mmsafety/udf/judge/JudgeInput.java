package dev.mmsafety.udf.judge;

/**
 * What a judge may look at for one response. Only {@code text} is always needed; LLM templates may also use the
 * question, the image and a context string (e.g. HarmBench's image description).
 *
 * @param responseId responses.response_id
 * @param responseStatus responses.status; anything but ok means there is no text to judge
 * @param text the model's answer
 * @param polarity harmful or benign
 * @param benchmark benchmark format name
 * @param nativeCategory category as the benchmark names it (MM-SafetyBench scenario keys the template)
 * @param question the instruction the model was given (probe prompt or the case's source text), may be null
 * @param imageUri the probe's first image, may be null
 * @param context case fields templates may use as {{context}} (safety_warning, reference_answer and the case's extra
 *     map, e.g. HarmBench's RedactedImageDescription); empty when unknown
 * @param answerChannel responses.answer_channel (content, refusal, content_filter, tool_calls, empty), may be null
 */
public record JudgeInput(
    String responseId,
    String responseStatus,
    String text,
    String polarity,
    String benchmark,
    String nativeCategory,
    String question,
    String imageUri,
    java.util.Map<String, String> context,
    String answerChannel) {
  public static final String POLARITY_HARMFUL = "harmful";
  public static final String POLARITY_BENIGN = "benign";

  public JudgeInput {
    context = context == null ? java.util.Map.of() : java.util.Map.copyOf(context);
  }

  /** An input whose answer channel is unknown (imported rows, tests). */
  public JudgeInput(
      String responseId, String responseStatus, String text, String polarity, String benchmark,
      String nativeCategory, String question, String imageUri, java.util.Map<String, String> context) {
    this(responseId, responseStatus, text, polarity, benchmark, nativeCategory, question, imageUri, context, null);
  }

  public boolean harmful() {
    return !POLARITY_BENIGN.equals(polarity);
  }

  public boolean responseOk() {
    return "ok".equals(responseStatus) && text != null;
  }

  /** A plain input for tests and tools: an ok response of harmful polarity. */
  public static JudgeInput ofText(String responseId, String text) {
    return new JudgeInput(responseId, "ok", text, POLARITY_HARMFUL, null, null, null, null, null);
  }
}
