package dev.mmsafety.udf.defense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Defenses against scripted ModelCaller implementations that record every request they get. */
class TestDefenses {
  static final String IMAGE_URI = "/data/img/1.png";

  /** A model that answers from a script (request -> text) and records requests. */
  static final class Scripted implements ModelCaller {
    final List<ModelRequest> seen = new ArrayList<>();
    final Function<ModelRequest, ModelResponse> script;

    Scripted(Function<ModelRequest, ModelResponse> script) {
      this.script = script;
    }

    @Override
    public synchronized CompletableFuture<ModelResponse> call(ModelRequest request) {
      seen.add(request);
      return CompletableFuture.completedFuture(script.apply(request));
    }
  }

  static ModelResponse ok(String text) {
    return new ModelResponse("rid-" + Math.abs(text.hashCode()), "ok", text, "stop", 5, 5, 3L, 200, 1, "e1", null, false);
  }

  static ModelResponse failed(String status) {
    return new ModelResponse("rid", status, null, null, null, null, 3L, 503, 3, "e1", "server said no", false);
  }

  static byte[] png() throws Exception {
    BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_3BYTE_BGR);
    for (int x = 0; x < 32; x++) {
      img.setRGB(x, x % 24, 0xff0000);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static ModelRequest request(String system) {
    List<ChatMessage> messages = new ArrayList<>();
    if (system != null) {
      messages.add(ChatMessage.system(system));
    }
    messages.add(ChatMessage.user(List.of(ContentPart.image(IMAGE_URI, "abc"), ContentPart.text("Fill in the list."))));
    return new ModelRequest("target", messages, GenerationSpec.DEFAULT);
  }

  static DefenseTools tools(ModelCaller target, Map<String, ModelCaller> others, byte[] image) {
    return new DefenseTools(target, others::get, uri -> {
      if (!uri.equals(IMAGE_URI)) {
        throw new FileNotFoundException(uri);
      }
      return image;
    });
  }

  static Defense create(String name, Map<String, Object> params) {
    return Defenses.create(new DefenseSpec(name, null, params));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> trace(DefendedResponse r) throws Exception {
    return CanonicalJson.mapper().readValue(r.traceJson(), Map.class);
  }

  static String text(ModelRequest r) {
    StringBuilder b = new StringBuilder();
    r.messages().forEach(m -> m.parts().stream().filter(p -> !p.isImage()).forEach(p -> b.append(p.text())));
    return b.toString();
  }

  @Test
  void registryErrorsNameTheDefense() {
    assertThatThrownBy(() -> create("sheild", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot create defense sheild: unknown name 'sheild' (known: none, shield, ecso,");
    assertThatThrownBy(() -> create("input-guard", Map.of()))
        .hasMessage("Cannot create defense input-guard: parameter 'guard' is required");
    assertThatThrownBy(() -> create("output-guard", Map.of("guard", "lg", "action", "rewrite")))
        .hasMessage("Cannot create defense output-guard: parameter 'rewriter' is required");
    assertThatThrownBy(() -> create("purify", Map.of("method", "jpeg", "radius", 2)))
        .hasMessageContaining("unknown parameter(s) [radius]");
    assertThat(create("purify", Map.of()).params()).containsEntry("method", "jpeg").containsEntry("quality", 75.0);
  }

  @Test
  void shieldPutsItsPromptFirst() throws Exception {
    Scripted target = new Scripted(r -> ok("fine"));
    Defense shield = create("shield", Map.of());
    shield.respond(request(null), tools(target, Map.of(), null)).get();
    shield.respond(request("Be concise."), tools(target, Map.of(), null)).get();
    ChatMessage first = target.seen.get(0).messages().get(0);
    assertThat(first.role()).isEqualTo("system");
    assertThat(first.parts().get(0).text()).isEqualTo(ShieldDefense.PROMPT_DEFAULT);
    ChatMessage merged = target.seen.get(1).messages().get(0);
    assertThat(merged.parts()).extracting(ContentPart::text).containsExactly(ShieldDefense.PROMPT_DEFAULT + "\n\n", "Be concise.");
    assertThat(target.seen.get(1).messages()).hasSize(2);
    DefendedResponse custom =
        create("shield", Map.of("prompt", "Stay safe.")).respond(request(null), tools(target, Map.of(), null)).get();
    assertThat(target.seen.get(2).messages().get(0).parts().get(0).text()).isEqualTo("Stay safe.");
    assertThat(custom.response().text()).isEqualTo("fine");
  }

  @Test
  void inputGuardBlocksUnsafeRequestsWithCategories() throws Exception {
    Scripted target = new Scripted(r -> ok("answer"));
    Scripted guard = new Scripted(r -> ok(text(r).contains("bomb") ? "unsafe\nS1, S9" : "safe"));
    Defense d = create("input-guard", Map.of("guard", "lg3v"));
    ModelRequest bad =
        new ModelRequest("target", List.of(ChatMessage.user(List.of(ContentPart.image(IMAGE_URI, "abc"), ContentPart.text("a bomb")))), null);
    DefendedResponse blocked = d.respond(bad, tools(target, Map.of("lg3v", guard), null)).get();
    assertThat(blocked.response().status()).isEqualTo(ModelResponse.Status.BLOCKED);
    assertThat(blocked.response().text()).isEqualTo(Requests.REFUSAL_DEFAULT);
    assertThat(trace(blocked)).containsEntry("verdict", "unsafe").containsEntry("categories", List.of("S1", "S9"));
    assertThat(target.seen).isEmpty();
    ModelRequest sent = guard.seen.get(0);
    assertThat(sent.modelName()).isEqualTo("lg3v");
    assertThat(sent.messages().get(0).parts().get(0).isImage()).isTrue();
    assertThat(text(sent)).contains("'User' messages").contains("S13: Elections.").contains("User: a bomb")
        .contains("First line must read 'safe' or 'unsafe'");

    DefendedResponse passed = d.respond(request(null), tools(target, Map.of("lg3v", guard), null)).get();
    assertThat(passed.response().text()).isEqualTo("answer");
    assertThat(trace(passed)).containsEntry("verdict", "safe");

    Scripted down = new Scripted(r -> failed(ModelResponse.Status.SERVER_ERROR));
    DefendedResponse failed = d.respond(request(null), tools(target, Map.of("lg3v", down), null)).get();
    assertThat(failed.response().status()).isEqualTo(ModelResponse.Status.SERVER_ERROR);
    assertThat(failed.response().error()).startsWith("Cannot check input with guard lg3v");
    assertThat(target.seen).hasSize(1);

    DefendedResponse missing = d.respond(request(null), tools(target, Map.of(), null)).get();
    assertThat(missing.response().status()).isEqualTo(ModelResponse.Status.CLIENT_ERROR);
    assertThat(missing.response().error()).contains("Cannot call helper lg3v: not declared under helpers:");
  }

  @Test
  void outputGuardRefusesOrRewritesFlaggedAnswers() throws Exception {
    Scripted target = new Scripted(r -> ok("step one: do the harmful thing"));
    Scripted guard = new Scripted(r -> ok(text(r).contains("harmful thing") ? "unsafe\nS2" : "safe"));
    Scripted rewriter = new Scripted(r -> ok("I can only describe this in general terms."));
    Map<String, ModelCaller> models = Map.of("lg", guard, "rw", rewriter);
    DefendedResponse refused = create("output-guard", Map.of("guard", "lg")).respond(request(null), tools(target, models, null)).get();
    assertThat(refused.response().status()).isEqualTo(ModelResponse.Status.BLOCKED);
    assertThat(refused.response().text()).isEqualTo(Requests.REFUSAL_DEFAULT);
    assertThat(trace(refused)).containsEntry("original_text", "step one: do the harmful thing").containsEntry("categories", List.of("S2"));
    assertThat(text(guard.seen.get(0))).contains("'Agent' messages").contains("Agent: step one");

    DefendedResponse rewritten =
        create("output-guard", Map.of("guard", "lg", "action", "rewrite", "rewriter", "rw"))
            .respond(request(null), tools(target, models, null)).get();
    assertThat(rewritten.response().status()).isEqualTo("ok");
    assertThat(rewritten.response().text()).isEqualTo("I can only describe this in general terms.");
    assertThat(text(rewriter.seen.get(0))).contains("Answer to rewrite: step one");

    Scripted benign = new Scripted(r -> ok("a poem about kites"));
    DefendedResponse kept = create("output-guard", Map.of("guard", "lg")).respond(request(null), tools(benign, models, null)).get();
    assertThat(kept.response().text()).isEqualTo("a poem about kites");
  }

  @Test
  void ecsoCaptionsThenAnswersBlindWhenFlagged() throws Exception {
    Scripted target =
        new Scripted(
            r -> {
              String t = text(r);
              if (t.contains("Here is a question")) {
                return ok(t.contains("dangerous recipe") ? "Yes." : "No");
              }
              if (t.contains("Describe the content")) {
                return ok("A kitchen with bottles.");
              }
              if (t.contains("You cannot see")) {
                return ok("I won't provide that, but kitchens are fun.");
              }
              return ok("here is the dangerous recipe");
            });
    DefendedResponse r = create("ecso", Map.of()).respond(request("sys"), tools(target, Map.of(), null)).get();
    assertThat(r.response().text()).isEqualTo("I won't provide that, but kitchens are fun.");
    assertThat(target.seen).hasSize(4);
    ModelRequest caption = target.seen.get(2);
    assertThat(caption.messages().get(caption.messages().size() - 1).parts().get(0).isImage()).isTrue();
    ModelRequest blind = target.seen.get(3);
    assertThat(blind.messages()).allSatisfy(m -> assertThat(m.parts()).noneMatch(ContentPart::isImage));
    assertThat(text(blind)).contains("Description: A kitchen with bottles.").contains("Request: Fill in the list.");
    assertThat(blind.messages().get(0).role()).isEqualTo("system");
    assertThat(trace(r)).containsEntry("flagged", true).containsEntry("caption", "A kitchen with bottles.");

    Scripted harmless = new Scripted(r2 -> ok(text(r2).startsWith("Here is a question") ? "no" : "a kite"));
    DefendedResponse kept = create("ecso", Map.of()).respond(request(null), tools(harmless, Map.of(), null)).get();
    assertThat(kept.response().text()).isEqualTo("a kite");
    assertThat(harmless.seen).hasSize(2);
    assertThat(trace(kept)).containsEntry("flagged", false);
  }

  @Test
  void purifySendsTransformedBytesWithTheirHash() throws Exception {
    byte[] original = png();
    for (String method : List.of("jpeg", "blur", "resize")) {
      Scripted target = new Scripted(r -> ok("seen"));
      DefendedResponse r =
          create("purify", Map.of("method", method)).respond(request(null), tools(target, Map.of(), original)).get();
      assertThat(r.response().text()).isEqualTo("seen");
      ContentPart sent = target.seen.get(0).messages().get(0).parts().get(0);
      assertThat(sent.isImage()).isTrue();
      assertThat(sent.imageUri()).isNull();
      assertThat(sent.bytes()).isNotEqualTo(original);
      assertThat(sent.imageSha256()).isEqualTo(Hashing.sha256Hex(sent.bytes()));
      assertThat(ImageIO.read(new ByteArrayInputStream(sent.bytes())).getWidth()).isEqualTo(32);
      assertThat(sent.mimeType()).isEqualTo(method.equals("jpeg") ? "image/jpeg" : "image/png");
      assertThat(trace(r).get("images").toString()).contains("from=abc").contains(sent.imageSha256());
    }
    Scripted target = new Scripted(r -> ok("seen"));
    DefendedResponse bad =
        create("purify", Map.of()).respond(request(null), tools(target, Map.of(), new byte[] {1, 2, 3})).get();
    assertThat(bad.response().status()).isEqualTo(ModelResponse.Status.CLIENT_ERROR);
    assertThat(bad.response().error()).startsWith("Cannot purify image /data/img/1.png");
    assertThat(target.seen).isEmpty();
  }
}
