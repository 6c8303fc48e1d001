package dev.mmsafety.udf.image;

import java.io.Serializable;

/**
 * What ingest records about a valid image.
 *
 * @param sha256 hex sha256 of the file bytes
 * @param width width as shown (after the EXIF orientation), px
 * @param height height as shown, px
 * @param format sniffed format, lower case: png, jpeg, gif, bmp, webp, tiff
 * @param bytes file size
 * @param orientation EXIF orientation applied to show it upright (1 = none)
 * @param colorSpace stored colour model (rgb, rgba, gray, gray-alpha, palette, cmyk, ycck; -16 for 16-bit)
 */
public record ImageInfo(
    String sha256, int width, int height, String format, long bytes, int orientation, String colorSpace)
    implements Serializable {}
