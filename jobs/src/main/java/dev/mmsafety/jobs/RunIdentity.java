package dev.mmsafety.jobs;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A run's identity: the run date (partition), a config hash, and a run id unique per attempt. Only the run id
 * and timestamps differ between two runs of the same config; every other id derives from inputs.
 */
public record RunIdentity(String runId, String runDate, String configHash, long startedAtMillis) {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  public static RunIdentity of(RunConfig config, Clock clock) {
    String runDate = config.run().runDate();
    if (runDate == null || runDate.isBlank()) {
      runDate = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    } else {
      try {
        runDate = LocalDate.parse(runDate).toString();
      } catch (DateTimeParseException e) {
        throw new ConfigException("Cannot use run.run-date '" + runDate + "': not a YYYY-MM-DD date");
      }
    }
    String configHash = Hashing.sha256Hex(ConfigLoader.toJson(config));
    long now = clock.millis();
    String runId = STAMP.format(java.time.Instant.ofEpochMilli(now)) + "-" + configHash.substring(0, 8);
    return new RunIdentity(runId, runDate, configHash, now);
  }
}
