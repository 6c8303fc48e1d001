package dev.mmsafety.jobs.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy on 127.0.0.1 over jclouds' in-memory store, checking AWS v2/v4 signatures against the key pair in
 * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}, so S3A and S3Proxy read the same environment.
 * {@code ./mmsafety s3proxy --port P --bucket B...} runs {@link #main} (docs/deploy.md); the example tests start
 * it through {@link #start} the same way, on a free port. Objects live until the process stops. (jclouds'
 * "filesystem" store was tried for a folder on disk: it keeps no S3A directory markers, and the S3A magic
 * committer then fails on a task that wrote no row.)
 */
public final class LocalS3 implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 20_000;
  private final BlobStoreContext context;
  private final S3Proxy proxy;

  private LocalS3(BlobStoreContext context, S3Proxy proxy) {
    this.context = context;
    this.proxy = proxy;
  }

  /** Starts S3Proxy on {@code port} (0: any free one) with {@code buckets}. */
  public static LocalS3 start(int port, String accessKey, String secretKey, List<String> buckets) throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient").credentials("local", "local").overrides(new Properties())
            .build(BlobStoreContext.class);
    for (String bucket : buckets) {
      context.getBlobStore().createContainerInLocation(null, bucket);
    }
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
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
    return new LocalS3(context, proxy);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  public int port() {
    return proxy.getPort();
  }

  /** The in-memory store behind the server, for tests that look at objects directly. */
  public org.jclouds.blobstore.BlobStore blobStore() {
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

  /** {@code --port P [--bucket B]...}; keys from the environment. Runs until the process is stopped. */
  public static void main(String[] args) throws Exception {
    int port = 9000;
    List<String> buckets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args[i], value));
        case "--bucket" -> buckets.add(value(args[i], value));
        default -> usage("unknown option " + args[i]);
      }
      i++;
    }
    Map<String, String> env = System.getenv();
    String access = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (access == null || access.isBlank() || secret == null || secret.isBlank()) {
      usage("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any values: S3A signs with them, S3Proxy checks them)");
    }
    LocalS3 s3 = start(port, access, secret, buckets);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        s3.close();
      } catch (Exception e) {
        // stopping anyway
      }
    }));
    System.out.println("S3Proxy on " + s3.endpoint() + ", buckets " + buckets + " in memory (Ctrl-C stops)");
    Thread.currentThread().join();
  }

  private static String value(String option, String value) {
    if (value == null) {
      usage(option + " needs a value");
    }
    return value;
  }

  private static void usage(String problem) {
    System.err.println("Cannot start S3Proxy: " + problem
        + "\nusage: ./mmsafety s3proxy [--port 9000] [--bucket NAME]...");
    System.exit(2);
  }

  /** Copies a local folder into a bucket under {@code prefix} (for tests that read datasets from S3). */
  void upload(Path from, String bucket, String prefix) throws IOException {
    var blobs = context.getBlobStore();
    try (var files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String key = prefix + "/" + from.relativize(f).toString().replace('\\', '/');
        blobs.putBlob(bucket, blobs.blobBuilder(key).payload(Files.readAllBytes(f)).build());
      }
    }
  }
}
