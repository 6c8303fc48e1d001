package dev.mmsafety.udf.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The image-decoding fixtures (fixtures/images, written by its make_images.py): every picture is the 16 x 12
 * "quadrants" image as meant to be seen, red top-left, green top-right, blue bottom-left, white bottom-right.
 */
public final class ImageFixtures {
  public static final int RED = 0xff0000;
  public static final int GREEN = 0x00a000;
  public static final int BLUE = 0x0000ff;
  public static final int WHITE = 0xffffff;

  private ImageFixtures() {}

  public static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(Fixtures.root("images").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The four quadrant colours of an upright image (sampled at their centres), top-left first. */
  public static int[] quadrants(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    return new int[] {
      image.getRGB(w / 4, h / 4) & 0xffffff, image.getRGB(3 * w / 4, h / 4) & 0xffffff,
      image.getRGB(w / 4, 3 * h / 4) & 0xffffff, image.getRGB(3 * w / 4, 3 * h / 4) & 0xffffff
    };
  }

  /** Largest per-channel difference between two RGB values. */
  public static int distance(int a, int b) {
    int d = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      d = Math.max(d, Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)));
    }
    return d;
  }

  /**
   * The quadrants as an Adobe YCCK JPEG (transform 2), which Pillow cannot write: the JDK writer stores a 4-band
   * raster without colour conversion, the channels hold YCbCr of the ink's C, M, Y plus inverted K (the Adobe
   * convention libjpeg decodes), and an APP14 "Adobe" segment with transform 2 is inserted after SOI.
   */
  public static byte[] ycckJpeg() {
    int w = 16;
    int h = 12;
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = y < h / 2 ? (x < w / 2 ? RED : GREEN) : (x < w / 2 ? BLUE : WHITE);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        int k = 255 - Math.max(r, Math.max(g, b));
        int c = k == 255 ? 0 : (255 - r - k) * 255 / (255 - k);
        int m = k == 255 ? 0 : (255 - g - k) * 255 / (255 - k);
        int yy = k == 255 ? 0 : (255 - b - k) * 255 / (255 - k);
        double luma = 0.299 * c + 0.587 * m + 0.114 * yy;
        double cb = 128 - 0.168736 * c - 0.331264 * m + 0.5 * yy;
        double cr = 128 + 0.5 * c - 0.418688 * m - 0.081312 * yy;
        raster.setPixel(x, y, new int[] {(int) Math.round(luma), (int) Math.round(cb), (int) Math.round(cr), 255 - k});
      }
    }
    ImageWriter writer = null;
    for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
      ImageWriter candidate = it.next();
      if (candidate.getClass().getName().startsWith("com.sun.")) {
        writer = candidate;
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.95f);
      writer.write(null, new IIOImage(raster, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    byte[] plain = bytes.toByteArray();
    byte[] adobe = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 2};
    byte[] out = new byte[plain.length + adobe.length];
    System.arraycopy(plain, 0, out, 0, 2);
    System.arraycopy(adobe, 0, out, 2, adobe.length);
    System.arraycopy(plain, 2, out, 2 + adobe.length, plain.length - 2);
    return out;
  }
}
