package dev.mmsafety.udf.attack;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG writer (IHDR, one IDAT, IEND; no time or text chunks, filter 0) so that equal pixels always give
 * equal bytes, which content addressing relies on. Greyscale rasters (our typography) are written as 8-bit
 * greyscale PNG: the pixels equal those of the reference generators' RGB files (black text on white has R=G=B), at a
 * third of the data to compress, which is most of the cost of making a FigStep image. Everything else is 8-bit RGB.
 */
public final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int LEVEL = 6;

  private PngEncoder() {}

  public static byte[] encode(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    boolean gray = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
    byte[] raw = new byte[h * (1 + (gray ? 1 : 3) * w)];
    if (gray) {
      grayScanlines(image, raw);
    } else {
      rgbScanlines(image, raw);
    }
    Deflater deflater = new Deflater(LEVEL);
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream idat = new ByteArrayOutputStream(raw.length / 16 + 64);
    byte[] buf = new byte[64 * 1024];
    while (!deflater.finished()) {
      idat.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream(idat.size() + 64);
    out.writeBytes(SIGNATURE);
    byte[] ihdr = new byte[13];
    putInt(ihdr, 0, w);
    putInt(ihdr, 4, h);
    ihdr[8] = 8; // bit depth
    ihdr[9] = (byte) (gray ? 0 : 2); // colour type greyscale or RGB
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", idat.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** Filter byte 0 then one byte per pixel. */
  private static void grayScanlines(BufferedImage image, byte[] raw) {
    int w = image.getWidth();
    byte[] gray = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < image.getHeight(); y++) {
      System.arraycopy(gray, y * w, raw, y * (w + 1) + 1, w);
    }
  }

  /** Filter byte 0 then R,G,B per pixel; fast paths for the two raster types our renderers use. */
  private static void rgbScanlines(BufferedImage image, byte[] raw) {
    int w = image.getWidth();
    int h = image.getHeight();
    int stride = 1 + 3 * w;
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      byte[] gray = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int y = 0; y < h; y++) {
        int o = y * stride + 1;
        int g = y * w;
        for (int x = 0; x < w; x++, o += 3) {
          byte v = gray[g + x];
          raw[o] = v;
          raw[o + 1] = v;
          raw[o + 2] = v;
        }
      }
    } else if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int y = 0; y < h; y++) {
        int o = y * stride + 1;
        int s = y * w * 3;
        for (int x = 0; x < w; x++, o += 3, s += 3) {
          raw[o] = bgr[s + 2];
          raw[o + 1] = bgr[s + 1];
          raw[o + 2] = bgr[s];
        }
      }
    } else {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        int o = y * stride + 1;
        for (int x = 0; x < w; x++, o += 3) {
          int p = row[x];
          raw[o] = (byte) (p >> 16);
          raw[o + 1] = (byte) (p >> 8);
          raw[o + 2] = (byte) p;
        }
      }
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] len = new byte[4];
    putInt(len, 0, data.length);
    out.writeBytes(len);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    byte[] c = new byte[4];
    putInt(c, 0, (int) crc.getValue());
    out.writeBytes(c);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
