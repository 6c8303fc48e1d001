package dev.mmsafety.udf.judge.classifier;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 floats, unit length) on CPU via onnxruntime; the ONNX model and
 * tokenizer come inside the langchain4j jar, so nothing is downloaded. Loading takes about a second and ~90 MB, so
 * there is one instance per JVM ({@link #shared()}); the model is thread-safe. Runs on the calling thread.
 */
public final class SentenceEncoder {
  public static final String NAME = "all-minilm-l6-v2";
  public static final int DIMENSION = 384;
  /** Characters embedded per text: refusals and caveats show at the start; long answers would only cost time. */
  public static final int MAX_CHARS = 1500;

  private static volatile SentenceEncoder shared;

  private final AllMiniLmL6V2EmbeddingModel model;

  private SentenceEncoder() {
    this.model = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
  }

  public static SentenceEncoder shared() {
    SentenceEncoder local = shared;
    if (local == null) {
      synchronized (SentenceEncoder.class) {
        local = shared;
        if (local == null) {
          local = new SentenceEncoder();
          shared = local;
        }
      }
    }
    return local;
  }

  public float[] embed(String text) {
    String clipped = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    // The model rejects empty input; an empty answer embeds as a single space (the head then decides).
    return model.embed(clipped.isBlank() ? " " : clipped).content().vector();
  }

  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    List<TextSegment> segments = new ArrayList<>();
    for (String text : texts) {
      String clipped = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
      segments.add(TextSegment.from(clipped.isBlank() ? " " : clipped));
    }
    model.embedAll(segments).content().forEach(e -> out.add(e.vector()));
    return out;
  }
}
