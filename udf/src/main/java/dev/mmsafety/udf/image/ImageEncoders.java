package dev.mmsafety.udf.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG and JPEG through the JDK's own writers, chosen by class rather than by registry order (TwelveMonkeys'
 * JPEG writer is registered too wherever its jar is scanned), so the same pixels give the same bytes in tests,
 * drivers and executors. The baseline writers add no timestamps.
 */
public final class ImageEncoders {
  private ImageEncoders() {}

  /** JPEG at {@code quality} (1-100) of an 8-bit BGR image. */
  public static byte[] jpeg(BufferedImage image, int quality) {
    return write(Srgb.toBgr(image), "jpeg", quality);
  }

  public static byte[] png(BufferedImage image) {
    return write(image, "png", -1);
  }

  private static byte[] write(BufferedImage image, String format, int quality) {
    ImageWriter writer = jdkWriter(format);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (quality > 0) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode " + format, e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static ImageWriter jdkWriter(String format) {
    ImageWriter fallback = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format); it.hasNext(); ) {
      ImageWriter w = it.next();
      if (w.getClass().getName().startsWith("com.sun.")) {
        return w;
      }
      fallback = w;
    }
    if (fallback == null) {
      throw new IllegalStateException("Cannot encode " + format + ": no ImageIO writer");
    }
    return fallback;
  }
}
