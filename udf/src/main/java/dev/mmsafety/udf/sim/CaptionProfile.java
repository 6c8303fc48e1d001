package dev.mmsafety.udf.sim;

/** Profile {@code caption}: a captioning model; it describes the request's images ({@link Captions}). */
final class CaptionProfile implements SimBehaviour {
  @Override
  public SimAnswer answer(SimRequest request) {
    return SimAnswer.of(Captions.describe(request.images(), request.contentKey())).limitedTo(request.maxTokens());
  }
}
