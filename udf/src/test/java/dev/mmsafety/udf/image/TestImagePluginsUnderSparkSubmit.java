package dev.mmsafety.udf.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.testing.Fixtures;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Under spark-submit the application jar is on a child class loader (Spark's MutableURLClassLoader), and ImageIO
 * may have scanned for plugins before, from a loader that does not see the jar. A fresh JVM reproduces that: its
 * class path holds only this class; ImageIO is initialised there first; then the project's classes are loaded
 * from a child loader, as spark-submit does, and must still decode WebP through their explicit registration.
 */
class TestImagePluginsUnderSparkSubmit {
  @Test
  void webpDecodesWhenImageIoWasInitialisedWithoutThePlugins() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String launcherPath = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    Process p = new ProcessBuilder(javaBin, "-cp", launcherPath, Launcher.class.getName(),
        System.getProperty("java.class.path"), Fixtures.root("images").resolve("lossless.webp").toString())
        .redirectErrorStream(true)
        .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(out.strip()).isEqualTo("before: 0 webp readers; after: webp 16x12");
    assertThat(p.exitValue()).isZero();
  }

  /** The child JVM's main: {@code <application class path> <webp file>}. */
  public static final class Launcher {
    public static void main(String[] args) throws Exception {
      int before = 0;
      for (var it = ImageIO.getImageReadersByFormatName("webp"); it.hasNext(); it.next()) {
        before++;
      }
      List<URL> urls = new ArrayList<>();
      for (String entry : args[0].split(File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      try (URLClassLoader app = new URLClassLoader(urls.toArray(URL[]::new), Launcher.class.getClassLoader())) {
        Thread.currentThread().setContextClassLoader(app);
        Class<?> decoder = app.loadClass("dev.mmsafety.udf.image.ImageDecoder");
        Object decoded = decoder.getMethod("decode", byte[].class, long.class)
            .invoke(null, Files.readAllBytes(Path.of(args[1])), 1_000_000L);
        Object header = decoded.getClass().getMethod("header").invoke(decoded);
        Object image = decoded.getClass().getMethod("image").invoke(decoded);
        java.awt.image.BufferedImage bi = (java.awt.image.BufferedImage) image;
        System.out.println("before: " + before + " webp readers; after: "
            + header.getClass().getMethod("format").invoke(header) + " " + bi.getWidth() + "x" + bi.getHeight());
      }
    }
  }
}
