package dev.mmsafety.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TestObjectStoreConf {
  @Test
  void selectsTheMagicCommitterForS3aRootsOnly() {
    assertThat(ObjectStoreConf.forOutputRoot("s3a://results/nightly"))
        .containsEntry("spark.hadoop.fs.s3a.committer.name", "magic")
        .containsEntry("spark.sql.sources.commitProtocolClass", ObjectStoreConf.COMMIT_PROTOCOL)
        .containsEntry("spark.sql.parquet.output.committer.class", ObjectStoreConf.PARQUET_COMMITTER)
        .containsEntry("spark.sql.sources.partitionOverwriteMode", "static")
        .doesNotContainKeys("spark.hadoop.fs.s3a.access.key", "spark.hadoop.fs.s3a.secret.key");
    assertThat(ObjectStoreConf.forOutputRoot("/data/out")).isEmpty();
    assertThat(ObjectStoreConf.forOutputRoot("hdfs://nn:8020/out")).isEmpty();
    assertThat(ObjectStoreConf.forOutputRoot(null)).isEmpty();
  }

  @Test
  void recognisesS3aAndItsBucket() {
    assertThat(ObjectStoreConf.isS3a("S3A://Bucket/x")).isTrue();
    assertThat(ObjectStoreConf.isS3a("s3://bucket/x")).isFalse();
    assertThat(ObjectStoreConf.bucket("s3a://mmsafety-results/nightly")).isEqualTo("mmsafety-results");
    assertThatThrownBy(() -> ObjectStoreConf.bucket("s3a:///nightly"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid s3a location: s3a:///nightly");
  }
}
