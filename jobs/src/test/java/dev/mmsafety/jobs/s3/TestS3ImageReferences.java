package dev.mmsafety.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.model.S3PresignedUrls;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code image-transport: uri} with images on s3a://, end to end against S3Proxy: the client presigns with the
 * s3a settings and credential chain of the Hadoop conf, the simulated worker fetches the presigned URL from the
 * object store, and the request carries a URL instead of the image.
 */
@Tag("s3")
class TestS3ImageReferences {
  private static final String BUCKET = "mmsafety-images";
  private static final String KEY = "attacks/figstep/big image.png"; // a space: keys are escaped in the URL
  private static final byte[] IMAGE = image(600, 600); // noise: about 1 MB
  private static S3ProxyServer s3;
  private static Configuration conf;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** A real PNG (the client checks the model's image limits on the bytes before sending the URL). */
  private static byte[] image(int width, int height) {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(width, height,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    Random random = new Random(3);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start(BUCKET);
    s3.blobStore().putBlob(BUCKET, s3.blobStore().blobBuilder(KEY).payload(IMAGE).build());
    s3.blobStore().putBlob(BUCKET, s3.blobStore().blobBuilder("attacks/figstep/other.png").payload(IMAGE).build());
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    conf = new Configuration();
    conf.set("fs.s3a.endpoint", s3.endpoint());
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.aws.credentials.provider",
        "software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider");
    conf.set("fs.s3a.attempts.maximum", "2");
    conf.set("fs.s3a.retry.limit", "2");
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (s3 != null) {
      s3.close();
    }
  }

  private HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void presignedUrlsReadTheObjectAndNothingElse() throws Exception {
    String url = new S3PresignedUrls(conf, Duration.ofMinutes(5)).urlFor("s3a://" + BUCKET + "/" + KEY);
    assertThat(url).startsWith(s3.endpoint() + "/" + BUCKET + "/attacks/figstep/big%20image.png?")
        .contains("X-Amz-Signature=", "X-Amz-Expires=300").doesNotContain(S3ProxyServer.SECRET_KEY);
    HttpResponse<byte[]> fetched = get(url);
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo(IMAGE);
    // without the signature, with it on another key, or with a forged one: refused (S3Proxy answers anonymous
    // requests 404, signed ones that do not match 403)
    assertThat(get(url.substring(0, url.indexOf('?'))).statusCode()).isIn(403, 404);
    assertThat(get(url.replace("big%20image.png", "other.png")).statusCode()).isEqualTo(403);
    int sig = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
    String forged = url.substring(0, sig) + (url.charAt(sig) == 'a' ? 'b' : 'a') + url.substring(sig + 1);
    assertThat(get(forged).statusCode()).isEqualTo(403);
  }

  @Test
  void theSimulatedWorkerFetchesTheImageFromTheObjectStore() throws Exception {
    try (SimulatedWorker sim = SimulatedWorker.start(new SimulatorSpec(4, 0L, 0L, null, null, null, null,
        null))) {
      ModelSpec model = new ModelSpec("m", "m", List.of(new EndpointSpec("sim", sim.baseUrl(), null, true)), null,
          ModelSpec.TRANSPORT_URI, null, GenerationSpec.DEFAULT);
      ModelCaller caller = ModelClients.create(model, InferenceSpec.DEFAULT, new HadoopImageLoader(conf), 1);
      ModelResponse r = caller.call(new ModelRequest("m", List.of(ChatMessage.user(List.of(
          ContentPart.text("what is in the picture?"), ContentPart.image("s3a://" + BUCKET + "/" + KEY, "sha")))),
          null)).get();
      assertThat(r.status()).as(r.error()).isEqualTo(ModelResponse.Status.OK);
      assertThat(sim.imagesFetched()).isEqualTo(1);

      ModelResponse missing = caller.call(new ModelRequest("m", List.of(ChatMessage.user(List.of(
          ContentPart.text("and this one?"), ContentPart.image("s3a://" + BUCKET + "/nope.png", "sha2")))),
          null)).get();
      // the client reads every image to check the model's limits, so a missing one is never sent
      assertThat(missing.status()).isEqualTo(ModelResponse.Status.CLIENT_ERROR);
      assertThat(missing.error()).contains("cannot read image s3a://" + BUCKET + "/nope.png");
      assertThat(sim.counters().calls()).isEqualTo(1);
      FileSystem.closeAll();
    }
  }
}
