package dev.mmsafety.udf.model;

import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.image.ImageSendPolicy;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;

/**
 * The URL a model server gets for an image sent by reference: with {@code image-transport: uri}, an
 * {@code s3a://}/{@code s3://} image as a presigned GET URL ({@link S3PresignedUrls}) and any other URI as it is
 * (http(s) URLs; file paths a server may read with vLLM's {@code --allowed-local-media-path}); with
 * {@code executor-http}, a URL of this executor's image server ({@link ExecutorImageServer}) for every image,
 * serving the model's converted copy when it needs one (a {@code uri} server reads the stored file, which
 * cannot be changed: {@link OpenAiModelCaller} sends such copies inline).
 */
final class ImageReferences {
  private final String transport;
  private final ImageLoader loader;
  private volatile S3PresignedUrls presigned;

  ImageReferences(String transport, ImageLoader loader) {
    this.transport = transport;
    this.loader = loader;
  }

  /** The URL of the stored image, or with executor-http of the copy {@code copy} makes (null: as stored). */
  String urlFor(String imageUri, ImageSendPolicy copy) throws IOException {
    if (servesCopies()) {
      if (loader == null) {
        throw new IOException("no image loader configured");
      }
      return ExecutorImageServer.shared().urlFor(imageUri, loader, copy);
    }
    if (copy != null) {
      throw new IllegalArgumentException("image-transport " + transport + " cannot send a copy by reference");
    }
    // checked here, not in S3PresignedUrls: loading that class needs the AWS SDK, which only s3a users have
    if (imageUri.startsWith("s3a://") || imageUri.startsWith("s3://")) {
      return presigned().urlFor(imageUri);
    }
    return imageUri;
  }

  /** True when a converted copy can go by URL (the executor serves it); false when the server reads the file. */
  boolean servesCopies() {
    return ModelSpec.TRANSPORT_EXECUTOR_HTTP.equals(transport);
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
