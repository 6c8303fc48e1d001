package dev.mmsafety.udf.judge.classifier;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestEncoderPreflight {
  @Test
  void anUnwritableTempFolderIsOneLineNamingIt(@TempDir Path dir) throws Exception {
    Path file = Files.createFile(dir.resolve("a-file"));
    Path tmp = file.resolve("tmp"); // under a regular file: cannot be made, even by root
    assertThatThrownBy(() -> EncoderPreflight.check("clf", EncoderModel.MINILM_Q, tmp, null, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot load encoder all-minilm-l6-v2-q for judge clf: temp folder " + tmp + " (java.io.tmpdir)"
            + " is not writable; onnxruntime extracts its native library there (set -Djava.io.tmpdir or"
            + " -Donnxruntime.native.path)");
    assertThatThrownBy(() -> EncoderPreflight.check("clf", EncoderModel.MINILM_Q, dir, null, tmp))
        .hasMessageContaining("folder " + tmp + " is not writable; DJL extracts its tokenizer library there");
    assertThatThrownBy(() -> EncoderPreflight.check("clf", EncoderModel.MINILM_Q, tmp, tmp.toString(), dir))
        .hasMessageContaining("onnxruntime.native.path " + tmp + " is not a folder");
    assertThatCode(() -> EncoderPreflight.check("clf", EncoderModel.MINILM_Q, dir, null, dir.resolve("djl")))
        .doesNotThrowAnyException();
  }

  @Test
  void thisJvmCanLoadTheEncoder() {
    assertThatCode(() -> EncoderPreflight.check("clf", EncoderModel.MINILM_Q)).doesNotThrowAnyException();
  }
}
