package dev.mmsafety.udf.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestImageValidator {
  private final ImageValidator validator = new ImageValidator(ImageLimits.DEFAULT);

  @Test
  void validImageGivesHashSizeAndFormat() throws Exception {
    byte[] png = Fixtures.png(1, 7, 5);
    ImageInfo info = validator.validate(png);
    assertThat(info).isEqualTo(new ImageInfo(Hashing.sha256Hex(png), 7, 5, "png", png.length, 1, "rgb"));
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(ImageIO.read(new java.io.ByteArrayInputStream(png)), "jpg", jpeg);
    assertThat(validator.validate(jpeg.toByteArray()).format()).isEqualTo("jpeg");
  }

  @Test
  void decompressionBombIsRefusedFromTheHeaderBeforeDecoding() throws Exception {
    byte[] bomb = Files.readAllBytes(Fixtures.root("generic").resolve("images/bomb.png"));
    assertThat(bomb.length).isLessThan(200);
    assertThatThrownBy(() -> validator.validate(bomb))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_too_large"))
        .hasMessage("declares 50000x50000 pixels, limit 36000000 pixels");
  }

  @Test
  void byteLimitCorruptAndUnsupportedInputs() {
    ImageValidator small = new ImageValidator(new ImageLimits(100, 1_000_000));
    byte[] png = Fixtures.png(2, 40, 40);
    assertThatThrownBy(() -> small.validate(png))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_too_large"));
    byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);
    assertThatThrownBy(() -> validator.validate(truncated))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_corrupt"));
    assertThatThrownBy(() -> validator.validate("hello, not an image".getBytes()))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_not_an_image"))
        .hasMessage("not an image: the bytes are text");
    assertThatThrownBy(() -> validator.validate(new byte[0]))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_corrupt"));
  }

  @Test
  void hadoopLoaderReadsLocalFilesAndEnforcesTheByteLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a b.png");
    Files.write(file, Fixtures.png(3, 10, 10));
    HadoopImageLoader loader = HadoopImageLoader.local();
    assertThat(loader.load(file.toString())).isEqualTo(Files.readAllBytes(file));
    assertThat(loader.load("file://" + file)).isEqualTo(Files.readAllBytes(file));
    assertThat(loader.size(file.toString())).isEqualTo(Files.size(file));
    assertThat(loader.size(dir.resolve("nope.png").toString())).isEqualTo(-1);
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.png").toString())).isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> loader.load(file.toString(), 10)).isInstanceOf(HadoopImageLoader.ImageTooLargeException.class);
    // Serializable: it travels into executors.
    byte[] ser;
    try (var bos = new ByteArrayOutputStream(); var oos = new java.io.ObjectOutputStream(bos)) {
      oos.writeObject(loader);
      oos.flush();
      ser = bos.toByteArray();
    }
    try (var ois = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(ser))) {
      assertThat(((HadoopImageLoader) ois.readObject()).load(file.toString())).hasSize((int) Files.size(file));
    }
  }

  @Test
  void storeIsContentAddressedAndIdempotent(@TempDir Path dir) throws Exception {
    ImageStore store = new ImageStore(dir.toString(), new HadoopConf(new org.apache.hadoop.conf.Configuration()));
    byte[] png = Fixtures.png(4, 3, 3);
    String sha = Hashing.sha256Hex(png);
    String first = store.put(png);
    String second = store.put(png);
    assertThat(first).isEqualTo(second).endsWith("images/sha256/" + sha.substring(0, 2) + "/" + sha + ".png");
    try (var files = Files.walk(dir.resolve("images"))) {
      assertThat(files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))).hasSize(1);
    }
  }
}
