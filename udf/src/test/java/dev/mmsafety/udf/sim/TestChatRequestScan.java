package dev.mmsafety.udf.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.sim.ChatRequestScan.ChatRequest;
import dev.mmsafety.udf.sim.ChatRequestScan.ImageKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TestChatRequestScan {
  private static ChatRequest scan(String json) {
    return ChatRequestScan.scan(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String data(byte[] bytes) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void readsUserTextAndLocatesDataUrlPayloadsInTheBodyWithoutDecodingThem() {
    String payload = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5});
    String json = "{\"messages\":[{\"role\":\"system\",\"content\":\"be safe\"},{\"content\":[{\"text\":\"look \","
        + "\"type\":\"text\"},{\"image_url\":{\"detail\":\"high\",\"url\":\"data:image/png;base64," + payload
        + "\"},\"type\":\"image_url\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}],"
        + "\"role\":\"user\"}],\"model\":\"m\",\"max_tokens\":5}";
    ChatRequest r = scan(json);
    assertThat(r.model()).isEqualTo("m");
    assertThat(r.promptText()).isEqualTo("look "); // the system prompt does not shape the answer
    assertThat(r.images()).hasSize(2);
    ChatRequestScan.ImageRef inline = r.images().get(0);
    assertThat(inline.kind()).isEqualTo(ImageKind.DATA);
    assertThat(json.substring(inline.offset(), inline.offset() + inline.length())).isEqualTo(payload);
    assertThat(r.images().get(1).kind()).isEqualTo(ImageKind.HTTP);
    assertThat(r.images().get(1).url()).isEqualTo("https://x/y.png");
  }

  @Test
  void equalImagesGiveEqualDigestsAndJsonEscapedDataUrlsAreStillChecked() {
    byte[] img = new byte[300];
    img[7] = 9;
    String plain = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":"
        + "{\"url\":\"" + data(img) + "\"}}]}]}";
    String escaped = plain.replace("/", "\\/"); // legal JSON: some encoders escape every slash
    ChatRequest a = scan(plain);
    ChatRequest b = scan(escaped);
    assertThat(a.imageDigest(0)).isEqualTo(scan(plain.replace("\"role\"", "\"name\":\"u\",\"role\"")).imageDigest(0));
    assertThat(b.images().get(0).kind()).isEqualTo(ImageKind.DATA);
    assertThat(scan(plain.replace(data(img), data(new byte[300]))).imageDigest(0)).isNotEqualTo(a.imageDigest(0));
    assertThatThrownBy(() -> scan(escaped.replace("base64,", "base64,@@")))
        .hasMessageStartingWith("image data URL does not decode");
  }

  @Test
  void rejectsWhatTheTreeParserRejected() {
    String part = "{\"messages\":[{\"role\":\"user\",\"content\":[%s]}]}";
    assertThatThrownBy(() -> scan(String.format(part,
        "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,@@\"}}")))
        .hasMessage("image data URL does not decode: illegal base64 character");
    assertThatThrownBy(() -> scan(String.format(part,
        "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,\"}}")))
        .hasMessage("image data URL is empty");
    assertThatThrownBy(() -> scan(String.format(part,
        "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png,abc\"}}")))
        .hasMessage("image data URL is not base64");
    assertThatThrownBy(() -> scan(String.format(part,
        "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,QUJD=A\"}}")))
        .hasMessageStartingWith("image data URL does not decode");
    assertThatThrownBy(() -> scan(String.format(part, "{\"type\":\"image_url\",\"image_url\":{}}")))
        .hasMessage("image_url.url is empty");
    assertThatThrownBy(() -> scan(String.format(part, "{\"type\":\"audio\"}")))
        .hasMessage("unknown content part type 'audio'");
    assertThatThrownBy(() -> scan("{\"model\":\"m\"}")).hasMessage("messages must be a non-empty array");
    assertThatThrownBy(() -> scan("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}"))
        .hasMessage("body is not JSON");
    assertThatThrownBy(() -> scan("[]")).hasMessage("body is not a JSON object");
    assertThat(scan(String.format(part,
        "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,QUI\"}}")).images()).hasSize(1);
  }
}
