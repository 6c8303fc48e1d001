package dev.mmsafety.jobs.s3;

import java.net.URI;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server (S3Proxy over jclouds' in-memory "transient" blob store) on 127.0.0.1, started in the
 * test JVM. S3Proxy 2.1.0 brings Jetty 11 (Spark shades its own Jetty) and Jackson is managed to Spark's 2.20.0,
 * so it shares the test class path without clashes. It checks AWS v4 signatures against a made-up key pair.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS_KEY = "mmsafety-test-access";
  static final String SECRET_KEY = "mmsafety-test-secret-0f3c9a";
  private static final long START_TIMEOUT_MS = 20_000;

  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private S3ProxyServer(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  static S3ProxyServer start(String... buckets) throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("unused", "unused")
            .overrides(new Properties())
            .build(BlobStoreContext.class);
    for (String bucket : buckets) {
      context.getBlobStore().createContainerInLocation(null, bucket);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        context.close();
        throw new IllegalStateException("Cannot start S3Proxy: state " + proxy.getState());
      }
      Thread.onSpinWait();
    }
    return new S3ProxyServer(context, proxy);
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  int port() {
    return proxy.getPort();
  }

  BlobStore blobStore() {
    return context.getBlobStore();
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
