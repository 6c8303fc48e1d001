package dev.mmsafety.udf.image;

/**
 * Reads a JPEG's colour model from its marker segments, before decoding: the frame header's component count
 * and the Adobe APP14 transform flag (4 components: 0 = CMYK, 2 = YCCK). Servers that decode with libjpeg and no
 * colour management show CMYK and YCCK files with wrong colours, so such files are converted before sending.
 */
final class JpegFrames {
  private JpegFrames() {}

  /** gray, rgb, cmyk or ycck; rgb when the markers cannot be walked (the decoder reports real damage). */
  static String color(byte[] b) {
    int components = -1;
    int adobeTransform = -1;
    int pos = 2;
    while (pos + 4 <= b.length) {
      if ((b[pos] & 0xff) != 0xff) {
        break;
      }
      int marker = b[pos + 1] & 0xff;
      if (marker == 0xff) {
        pos++; // fill byte
        continue;
      }
      if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
        pos += 2;
        continue;
      }
      int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      int data = pos + 4;
      if (marker == 0xee && length >= 14 && data + 12 <= b.length && b[data] == 'A' && b[data + 1] == 'd'
          && b[data + 2] == 'o' && b[data + 3] == 'b' && b[data + 4] == 'e') {
        adobeTransform = b[data + 11] & 0xff;
      }
      boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
      if (sof && data + 6 <= b.length) {
        components = b[data + 5] & 0xff;
      }
      if (marker == 0xda || components > 0 && sof) {
        break; // Adobe APP14 comes before the frame in every writer; nothing after SOS matters
      }
      pos += 2 + length;
    }
    return switch (components) {
      case 1 -> "gray";
      case 4 -> adobeTransform == 2 ? "ycck" : "cmyk";
      default -> "rgb";
    };
  }
}
