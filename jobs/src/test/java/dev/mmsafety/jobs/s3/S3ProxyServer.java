package dev.mmsafety.jobs.s3;

import java.util.List;
import org.jclouds.blobstore.BlobStore;

/**
 * A real S3 API server (S3Proxy over jclouds' in-memory "transient" blob store) on 127.0.0.1, started in the
 * test JVM: {@link LocalS3} on a free port with a made-up key pair, which it checks AWS v4 signatures against.
 * S3Proxy 2.1.0 brings Jetty 11 (Spark shades its own Jetty) and Jackson is managed to Spark's 2.20.0, so it
 * shares the test class path without clashes.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS_KEY = "mmsafety-test-access";
  static final String SECRET_KEY = "mmsafety-test-secret-0f3c9a";

  private final LocalS3 s3;

  private S3ProxyServer(LocalS3 s3) {
    this.s3 = s3;
  }

  static S3ProxyServer start(String... buckets) throws Exception {
    return new S3ProxyServer(LocalS3.start(0, ACCESS_KEY, SECRET_KEY, List.of(buckets)));
  }

  String endpoint() {
    return s3.endpoint();
  }

  int port() {
    return s3.port();
  }

  BlobStore blobStore() {
    return s3.blobStore();
  }

  @Override
  public void close() throws Exception {
    s3.close();
  }
}
