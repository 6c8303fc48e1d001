package dev.mmsafety.udf.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Applies an EXIF orientation (1-8) to a BGR image, giving the picture as it is meant to be seen. */
public final class Orientation {
  private Orientation() {}

  /** The upright image; orientation 1 (or any value outside 2-8) returns the input unchanged. */
  public static BufferedImage apply(BufferedImage in, int orientation) {
    if (orientation < 2 || orientation > 8) {
      return in;
    }
    int w = in.getWidth();
    int h = in.getHeight();
    boolean swap = Exif.swapsSides(orientation);
    int ow = swap ? h : w;
    int oh = swap ? w : h;
    BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
    byte[] src = ((DataBufferByte) Srgb.toBgr(in).getRaster().getDataBuffer()).getData();
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        // (sx, sy): the stored pixel shown at (x, y), per the TIFF/EXIF definition of each value.
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - x; sy = y; }
          case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case 4 -> { sx = x; sy = h - 1 - y; }
          case 5 -> { sx = y; sy = x; }
          case 6 -> { sx = y; sy = h - 1 - x; }
          case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
          default -> { sx = w - 1 - y; sy = x; } // 8
        }
        int s = (sy * w + sx) * 3;
        int d = (y * ow + x) * 3;
        dst[d] = src[s];
        dst[d + 1] = src[s + 1];
        dst[d + 2] = src[s + 2];
      }
    }
    return out;
  }
}
