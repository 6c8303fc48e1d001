package dev.mmsafety.udf.config;

import java.util.Map;

/**
 * Spark settings. {@code master} is used only when the job is not launched by spark-submit (which sets it).
 *
 * @param partitions partitions for the per-row stages (ingest images, attacks, inference, judges)
 * @param conf extra Spark conf entries
 */
public record SparkSpec(String master, Integer partitions, Map<String, String> conf) {
  public static final String MASTER_DEFAULT = "local[2]";
  public static final int PARTITIONS_DEFAULT = 4;
  public static final SparkSpec DEFAULT = new SparkSpec(null, null, null);

  public SparkSpec {
    master = master == null ? MASTER_DEFAULT : master;
    partitions = partitions == null ? PARTITIONS_DEFAULT : partitions;
    if (partitions <= 0) {
      throw new IllegalArgumentException("Invalid spark.partitions: " + partitions);
    }
    conf = conf == null ? Map.of() : Map.copyOf(conf);
  }

  public SparkSpec withMaster(String value) {
    return new SparkSpec(value, partitions, conf);
  }

  public SparkSpec withPartitions(Integer value) {
    return new SparkSpec(master, value, conf);
  }

  public SparkSpec withConf(Map<String, String> value) {
    return new SparkSpec(master, partitions, value);
  }
}
