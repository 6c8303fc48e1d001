package dev.mmsafety.udf.judge.classifier;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sentence embeddings (unit length) on CPU: the model's ONNX file run by onnxruntime, its tokenizer by DJL, both
 * from the class path, nothing downloaded. Texts are clipped to a number of tokens chosen by the caller, sorted by
 * length and run in batches of {@link #BATCH} (padded to the longest, so neighbours of similar length waste
 * little). Each call runs on the
 * calling thread only (one intra-op thread), so a Spark executor with N task slots uses N cores and no more.
 * Texts are run one per ONNX call ({@link #BATCH}): the quantized models quantize activations with one scale per
 * input tensor, so in a padded batch a text's embedding would depend on its neighbours (p moved by ~0.002 in our
 * test), and a verdict must not depend on which partition its row landed in. One
 * instance per model per JVM ({@link #shared}): loading takes about a second; sessions are thread-safe.
 */
public final class SentenceEncoder {
  /**
   * Texts per ONNX run. 1 keeps each embedding independent of the others (see above); 16 measured 1.3-1.8x faster
   * on short texts, at the cost of that independence.
   */
  public static final int BATCH = 1;
  /** Characters kept before tokenising: a token covers at least about 2 characters in every script we meet. */
  static final int CHARS_PER_TOKEN_BOUND = 6;

  private static final Map<String, SentenceEncoder> SHARED = new ConcurrentHashMap<>();

  private final EncoderModel model;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean typeIds;

  private SentenceEncoder(EncoderModel model) {
    this.model = model;
    try {
      this.env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = env.createSession(resource(model.onnxResource()), options);
      this.typeIds = session.getInputNames().contains("token_type_ids");
      try (InputStream in = stream(model.tokenizerResource())) {
        this.tokenizer =
            HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "false", "padding", "false"));
      }
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("Cannot load encoder " + model.name() + ": " + e.getMessage(), e);
    }
  }

  /** The JVM's encoder for {@code model}, loaded on first use. */
  public static SentenceEncoder shared(EncoderModel model) {
    return SHARED.computeIfAbsent(model.name(), n -> new SentenceEncoder(model));
  }

  public EncoderModel model() {
    return model;
  }

  /**
   * Embeds each text after clipping it to {@code maxTokens} tokens (special tokens included). An empty text
   * embeds as the empty sequence ([CLS] [SEP]), which the model accepts.
   */
  public List<float[]> embed(List<String> texts, int maxTokens) {
    return embed(texts, maxTokens, new EmbeddingCache(texts.size()));
  }

  /**
   * As above, taking what {@code cache} holds and adding what it lacks, so texts of the same ids (in this call or
   * an earlier one) run once. Returned vectors are shared with the cache: read them, never write.
   */
  public List<float[]> embed(List<String> texts, int maxTokens, EmbeddingCache cache) {
    long[][] ids = new long[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      ids[i] = tokens(texts.get(i), maxTokens);
    }
    Integer[] order = new Integer[ids.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
    float[][] out = new float[ids.length][];
    List<long[]> batch = new ArrayList<>(BATCH);
    List<Integer> slots = new ArrayList<>(BATCH);
    for (int k = 0; k < order.length; k++) {
      int i = order[k];
      out[i] = cache.get(ids[i]);
      if (out[i] == null) {
        batch.add(ids[i]);
        slots.add(i);
      }
      if (batch.size() == BATCH || (k == order.length - 1 && !batch.isEmpty())) {
        float[][] vectors = run(batch.toArray(long[][]::new));
        for (int b = 0; b < vectors.length; b++) {
          out[slots.get(b)] = vectors[b];
          cache.put(batch.get(b), vectors[b]);
        }
        batch.clear();
        slots.clear();
      }
    }
    return Arrays.asList(out);
  }

  public float[] embed(String text, int maxTokens) {
    return embed(List.of(text), maxTokens).get(0);
  }

  /** Token ids with the special tokens, cut to {@code maxTokens} keeping the final [SEP]. */
  long[] tokens(String text, int maxTokens) {
    String t = model.prefix() + (text == null ? "" : text);
    int chars = maxTokens * CHARS_PER_TOKEN_BOUND;
    Encoding encoding = tokenizer.encode(t.length() > chars ? t.substring(0, chars) : t, true, false);
    long[] ids = encoding.getIds();
    if (ids.length <= maxTokens) {
      return ids;
    }
    long[] cut = Arrays.copyOf(ids, maxTokens);
    cut[maxTokens - 1] = ids[ids.length - 1];
    return cut;
  }

  private float[][] run(long[][] batch) {
    int n = batch.length;
    int len = batch[n - 1].length; // sorted: the last is the longest
    LongBuffer idBuf = LongBuffer.allocate(n * len);
    LongBuffer maskBuf = LongBuffer.allocate(n * len);
    for (long[] ids : batch) {
      for (int j = 0; j < len; j++) {
        idBuf.put(j < ids.length ? ids[j] : 0);
        maskBuf.put(j < ids.length ? 1 : 0);
      }
    }
    idBuf.flip();
    maskBuf.flip();
    long[] shape = {n, len};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, idBuf, shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, maskBuf, shape));
      if (typeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.allocate(n * len), shape));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[][][] hidden = (float[][][]) result.get(0).getValue();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
          out[i] = normalise(pool(hidden[i], batch[i].length));
        }
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("Cannot embed with " + model.name() + ": " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private float[] pool(float[][] tokens, int length) {
    if (model.pooling() == EncoderModel.Pooling.CLS) {
      return tokens[0].clone();
    }
    float[] sum = new float[tokens[0].length];
    for (int t = 0; t < length; t++) {
      for (int d = 0; d < sum.length; d++) {
        sum[d] += tokens[t][d];
      }
    }
    for (int d = 0; d < sum.length; d++) {
      sum[d] /= length;
    }
    return sum;
  }

  private static float[] normalise(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = stream(name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream stream(String name) throws IOException {
    InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException("resource " + name + " is not on the class path");
    }
    return in;
  }
}
