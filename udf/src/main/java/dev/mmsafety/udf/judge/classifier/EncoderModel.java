package dev.mmsafety.udf.judge.classifier;

import java.util.List;
import java.util.Locale;

/**
 * A sentence encoder the offline judge can use: the ONNX file and tokenizer inside a langchain4j model jar (class
 * path resources), how token vectors are pooled, and the prefix the model was trained to expect.
 *
 * @param name what configs, heads and docs call it
 * @param onnxResource class path resource of the ONNX model
 * @param tokenizerResource class path resource of the HuggingFace tokenizer.json
 * @param pooling MEAN (masked mean of token vectors) or CLS (the first token's vector)
 * @param prefix text put before every input (e5 wants "query: ")
 * @param dimension length of the embeddings
 */
public record EncoderModel(
    String name, String onnxResource, String tokenizerResource, Pooling pooling, String prefix, int dimension) {
  /** How token vectors become one sentence vector. */
  public enum Pooling {
    MEAN,
    CLS
  }

  public static final EncoderModel MINILM =
      new EncoderModel("all-minilm-l6-v2", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", Pooling.MEAN, "",
          384);
  public static final EncoderModel MINILM_Q =
      new EncoderModel("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
          Pooling.MEAN, "", 384);
  public static final EncoderModel BGE_SMALL_Q =
      new EncoderModel("bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
          Pooling.CLS, "", 384);
  public static final EncoderModel E5_SMALL_Q =
      new EncoderModel("e5-small-v2-q", "e5-small-v2-q.onnx", "e5-small-v2-q-tokenizer.json", Pooling.MEAN, "query: ",
          384);
  public static final List<EncoderModel> ALL = List.of(MINILM_Q, MINILM, BGE_SMALL_Q, E5_SMALL_Q);

  public static EncoderModel named(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(m -> m.name().equals(n)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("Invalid encoder: " + name + " (known: "
            + ALL.stream().map(EncoderModel::name).toList() + ")"));
  }
}
