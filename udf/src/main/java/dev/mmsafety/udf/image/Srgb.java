package dev.mmsafety.udf.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/**
 * Converts any decoded image to 8-bit sRGB BGR on white, as a browser shows it on a white page: colour-managed
 * images (an embedded ICC profile; CMYK and YCCK JPEGs arrive from the reader already converted through their
 * profile) go through {@link ColorConvertOp}, grey images keep their values (PNG grey is sRGB-encoded, while
 * Java2D would treat it as linear and brighten grey+alpha images), 16-bit samples are scaled to 8 bits, and
 * transparency is composited over white.
 */
public final class Srgb {
  private Srgb() {}

  public static BufferedImage toBgr(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return image;
    }
    ColorModel cm = image.getColorModel();
    ColorSpace cs = cm.getColorSpace();
    if (cs.getType() == ColorSpace.TYPE_GRAY && !(cm instanceof java.awt.image.IndexColorModel)) {
      return greyToBgr(image);
    }
    BufferedImage source = image;
    if (!cs.isCS_sRGB() && cs.getType() != ColorSpace.TYPE_GRAY) {
      BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(),
          cm.hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
      new ColorConvertOp(cs, ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(image, srgb);
      source = srgb;
    }
    BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.drawImage(source, 0, 0, null);
    g.dispose();
    return out;
  }

  /** Grey (optionally with alpha), any bit depth: value scaled to 8 bits, alpha composited over white. */
  private static BufferedImage greyToBgr(BufferedImage image) {
    Raster r = image.getRaster();
    int w = image.getWidth();
    int h = image.getHeight();
    int bits = image.getColorModel().getComponentSize(0);
    int max = (1 << bits) - 1;
    boolean alpha = image.getColorModel().hasAlpha() && r.getNumBands() > 1;
    int alphaMax = alpha ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    int[] grey = new int[w];
    int[] a = alpha ? new int[w] : null;
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, grey);
      if (alpha) {
        r.getSamples(0, y, w, 1, 1, a);
      }
      for (int x = 0; x < w; x++) {
        double v = grey[x] * 255.0 / max;
        if (alpha) {
          double t = a[x] / (double) alphaMax;
          v = v * t + 255 * (1 - t);
        }
        byte b = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
        int i = (y * w + x) * 3;
        dst[i] = b;
        dst[i + 1] = b;
        dst[i + 2] = b;
      }
    }
    return out;
  }
}
