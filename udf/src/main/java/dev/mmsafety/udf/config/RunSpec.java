package dev.mmsafety.udf.config;

/**
 * Run identity and output. {@code runDate} defaults to today (UTC); {@code seed} feeds every seeded attack.
 *
 * @param name a label for the run, e.g. nightly
 * @param output output root URI (file path, file://, s3a://, hdfs://)
 * @param runDate logical date YYYY-MM-DD of the partitions written; null = today UTC
 * @param seed base seed for attacks and sampling
 */
public record RunSpec(String name, String output, String runDate, Long seed) {
  public static final long SEED_DEFAULT = 20240101L;

  public RunSpec {
    name = name == null ? "run" : name;
    seed = seed == null ? SEED_DEFAULT : seed;
  }

  public RunSpec withName(String value) {
    return new RunSpec(value, output, runDate, seed);
  }

  public RunSpec withOutput(String value) {
    return new RunSpec(name, value, runDate, seed);
  }

  public RunSpec withRunDate(String value) {
    return new RunSpec(name, output, value, seed);
  }

  public RunSpec withSeed(Long value) {
    return new RunSpec(name, output, runDate, value);
  }
}
