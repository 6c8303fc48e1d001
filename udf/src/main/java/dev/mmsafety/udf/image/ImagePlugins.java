package dev.mmsafety.udf.image;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.BigTIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.util.List;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * Registers the TwelveMonkeys ImageIO readers (WebP, JPEG with CMYK/YCCK and ICC profiles, TIFF) explicitly.
 * ImageIO scans META-INF/services once, with the class loader current at its first use; under spark-submit that
 * can be Spark's loader, which does not see the application jar, so executors would silently decode with the
 * JDK's readers only. Registering the providers by class makes decoding the same in tests, in the driver and in
 * every executor. Only readers: encoding stays with the JDK writers, so attack outputs keep their bytes.
 */
public final class ImagePlugins {
  private static volatile boolean registered;

  private ImagePlugins() {}

  /** Registers the readers once per JVM (cheap after the first call). */
  public static void ensureRegistered() {
    if (registered) {
      return;
    }
    synchronized (ImagePlugins.class) {
      if (!registered) {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        for (ImageReaderSpi spi :
            List.of(new JPEGImageReaderSpi(), new WebPImageReaderSpi(), new TIFFImageReaderSpi(),
                new BigTIFFImageReaderSpi())) {
          // An instance of the same class already there (found by the service scan) is kept; registering a second
          // one would make the ordering against the JDK's JPEG reader depend on which was seen first.
          if (registry.getServiceProviderByClass(spi.getClass()) == null) {
            registry.registerServiceProvider(spi, ImageReaderSpi.class);
          }
        }
        registered = true;
      }
    }
  }

  /** Class names of the registered readers for {@code format} (png, jpeg, webp, tiff, ...), first = used. */
  public static List<String> readersFor(String format) {
    ensureRegistered();
    List<String> names = new java.util.ArrayList<>();
    javax.imageio.ImageIO.getImageReadersByFormatName(format).forEachRemaining(r -> names.add(r.getClass().getName()));
    return names;
  }
}
