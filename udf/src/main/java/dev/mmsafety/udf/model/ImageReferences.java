package dev.mmsafety.udf.model;

import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.image.ImageLoader;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * The URL a model server gets for an image sent by reference: with {@code image-transport: uri}, an
 * {@code s3a://}/{@code s3://} image as a presigned GET URL ({@link S3PresignedUrls}) and any other URI as it is
 * (http(s) URLs; file paths a server may read with vLLM's {@code --allowed-local-media-path}); with
 * {@code executor-http}, a URL of this executor's image server ({@link ExecutorImageServer}) for every image.
 */
final class ImageReferences {
  private final String transport;
  private final ImageLoader loader;
  private volatile S3PresignedUrls presigned;

  ImageReferences(String transport, ImageLoader loader) {
    this.transport = transport;
    this.loader = loader;
  }

  String urlFor(String imageUri) throws IOException {
    if (ModelSpec.TRANSPORT_EXECUTOR_HTTP.equals(transport)) {
      if (loader == null) {
        throw new IOException("no image loader configured");
      }
      return ExecutorImageServer.shared().urlFor(imageUri, loader);
    }
    // checked here, not in S3PresignedUrls: loading that class needs the AWS SDK, which only s3a users have
    if (imageUri.startsWith("s3a://") || imageUri.startsWith("s3://")) {
      return presigned().urlFor(imageUri);
    }
    return imageUri;
  }

  private S3PresignedUrls presigned() {
    if (presigned == null) {
      synchronized (this) {
        if (presigned == null) {
          Configuration conf = loader instanceof HadoopImageLoader h ? h.configuration() : new Configuration();
          presigned = new S3PresignedUrls(conf, S3PresignedUrls.EXPIRY_DEFAULT);
        }
      }
    }
    return presigned;
  }
}
