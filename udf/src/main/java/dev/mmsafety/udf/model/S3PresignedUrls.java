package dev.mmsafety.udf.model;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.fs.s3a.S3AUtils;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned GET URLs for {@code s3a://} (and {@code s3://}) images, so a model server fetches an image from the
 * object store itself and the request carries a URL instead of megabytes of base64. Signed with exactly what S3A
 * reads the bucket with: the bucket's effective s3a settings (per-bucket overrides applied) for endpoint, region
 * and path-style access, and the S3A filesystem's own credential chain ({@link S3AFileSystem#shareCredentials}),
 * so whatever provider a cluster configured (keys, instance profile, web identity, delegation tokens) signs.
 * One presigner per bucket per JVM. Loaded only when an s3a image is sent by reference (the AWS SDK and
 * hadoop-aws come from the cluster).
 */
public final class S3PresignedUrls {
  /** How long a URL stays valid: long enough for a request that waits in a server's queue and is retried. */
  public static final Duration EXPIRY_DEFAULT = Duration.ofHours(1);

  private final Configuration conf;
  private final Duration expiry;
  private final Map<String, S3Presigner> presigners = new ConcurrentHashMap<>();

  public S3PresignedUrls(Configuration conf, Duration expiry) {
    this.conf = conf;
    this.expiry = expiry;
  }

  /** A presigned https (or http, for a plain-http endpoint) GET URL for the object at {@code s3Uri}. */
  public String urlFor(String s3Uri) throws IOException {
    URI uri = new Path(s3Uri).toUri();
    String bucket = uri.getHost();
    String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
    if (bucket == null || key.isEmpty()) {
      throw new IOException("Cannot presign " + s3Uri + ": not s3a://bucket/key");
    }
    S3Presigner presigner = presigners.get(bucket);
    if (presigner == null) {
      presigner = presigners.computeIfAbsent(bucket, b -> create(b));
    }
    return presigner.presignGetObject(r -> r.signatureDuration(expiry)
        .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
  }

  private S3Presigner create(String bucket) {
    Configuration c = S3AUtils.propagateBucketOptions(conf, bucket);
    S3Presigner.Builder b = S3Presigner.builder()
        .credentialsProvider(credentials(bucket))
        .region(Region.of(c.getTrimmed("fs.s3a.endpoint.region", "").isEmpty()
            ? "us-east-1" : c.getTrimmed("fs.s3a.endpoint.region")))
        .serviceConfiguration(S3Configuration.builder()
            .pathStyleAccessEnabled(c.getBoolean("fs.s3a.path.style.access", false)).build());
    String endpoint = c.getTrimmed("fs.s3a.endpoint", "");
    if (!endpoint.isEmpty()) {
      boolean ssl = c.getBoolean("fs.s3a.connection.ssl.enabled", true);
      b.endpointOverride(URI.create(endpoint.contains("://") ? endpoint : (ssl ? "https://" : "http://") + endpoint));
    }
    return b.build();
  }

  private AwsCredentialsProvider credentials(String bucket) {
    try {
      FileSystem fs = FileSystem.get(URI.create("s3a://" + bucket + "/"), conf);
      if (fs instanceof S3AFileSystem s3a) {
        return s3a.shareCredentials("mmsafety image presigning");
      }
      throw new IllegalStateException("Cannot presign images in bucket " + bucket + ": s3a:// is not S3A here ("
          + fs.getClass().getName() + ")");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot presign images in bucket " + bucket + ": " + e.getMessage(), e);
    }
  }
}
