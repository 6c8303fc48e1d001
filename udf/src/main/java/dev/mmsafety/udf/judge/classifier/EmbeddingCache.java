package dev.mmsafety.udf.judge.classifier;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Embeddings kept by token ids, least recently used first out, safe for concurrent tasks. Reuse is exact: each text
 * is run alone ({@link SentenceEncoder#BATCH}), so its embedding depends on its ids only. A run asks each question
 * of many models and attacks, models answer many questions with the same refusal, and a short answer's opening and
 * ending are the same ids: each is embedded once while it stays in the cache.
 */
public final class EmbeddingCache {
  private final int capacity;
  private final Map<Ids, float[]> entries;
  private long hits;
  private long misses;

  public EmbeddingCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Ids, float[]> eldest) {
        return size() > EmbeddingCache.this.capacity;
      }
    };
  }

  synchronized float[] get(long[] ids) {
    float[] v = entries.get(new Ids(ids));
    if (v == null) {
      misses++;
    } else {
      hits++;
    }
    return v;
  }

  synchronized void put(long[] ids, float[] vector) {
    entries.put(new Ids(ids), vector);
  }

  /** Lookups answered from the cache. */
  public synchronized long hits() {
    return hits;
  }

  /** Lookups that had to run the encoder. */
  public synchronized long misses() {
    return misses;
  }

  /** Token ids as a map key (arrays compare by identity). */
  private record Ids(long[] ids) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Ids other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids);
    }
  }
}
