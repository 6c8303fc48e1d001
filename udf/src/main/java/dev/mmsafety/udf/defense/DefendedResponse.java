package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.model.ModelResponse;

/** The answer a defended model gives, with a JSON trace of what the defense did (null for none). */
public record DefendedResponse(ModelResponse response, String traceJson) {}
