package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.attack.AttackException;
import dev.mmsafety.udf.attack.ImageOps;
import dev.mmsafety.udf.attack.PngEncoder;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Input purification against pixel-level adversarial images (the JPEG / blur / resize baselines of the
 * adversarial-robustness literature, e.g. Dziugaite et al. 2016, Xie et al. 2018): every image is re-encoded
 * before it is sent, as bytes with their new sha256 ({@link ContentPart#imageBytes}); the URI is dropped so that a
 * client can only send the purified bytes (use image-transport data-url). An image that cannot be read or decoded
 * gives a client_error response and the model is not called.
 */
public record PurifyDefense(String method, double amount) implements Defense.Behaviour {
  /** The one parameter each method reads. */
  private static final Map<String, String> AMOUNT = Map.of("jpeg", "quality", "blur", "radius", "resize", "scale");

  static final ComponentType<Defense.Factory> TYPE = Defense.type(
      "purify", "1", "Every image re-encoded (JPEG, blur or resize) before it is sent.", PurifyDefense::create,
      Param.choice("method", "jpeg", "the re-encoding; each method reads its one parameter below",
          "jpeg", "blur", "resize"),
      Param.number("quality", 75, 1, 100, "jpeg: encoder quality"),
      Param.number("radius", 1, 1, 20, "blur: radius"),
      Param.number("scale", 0.5, 0.05, 1, "resize: down by this factor, then back up"));

  private static PurifyDefense create(Params p) {
    String method = p.choice("method");
    return new PurifyDefense(method, p.amount(AMOUNT.get(method)));
  }

  @Override
  public CompletableFuture<DefendedResponse> respond(ModelRequest request, DefenseTools tools) {
    List<Map<String, String>> changed = new ArrayList<>();
    List<ChatMessage> messages = new ArrayList<>();
    try {
      for (ChatMessage m : request.messages()) {
        List<ContentPart> parts = new ArrayList<>();
        for (ContentPart part : m.parts()) {
          parts.add(part.isImage() ? purify(part, tools, changed) : part);
        }
        messages.add(new ChatMessage(m.role(), parts));
      }
    } catch (IOException | AttackException e) {
      return CompletableFuture.completedFuture(
          new DefendedResponse(Requests.failure(ModelResponse.Status.CLIENT_ERROR, e.getMessage()), null));
    }
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("method", method);
    trace.put("images", changed);
    ModelRequest purified = new ModelRequest(request.modelName(), messages, request.generation());
    return tools.target().call(purified).thenApply(r -> new DefendedResponse(r, Requests.trace(trace)));
  }

  private ContentPart purify(ContentPart part, DefenseTools tools, List<Map<String, String>> changed)
      throws IOException, AttackException {
    byte[] bytes = part.bytes();
    if (bytes == null) {
      try {
        bytes = tools.images().load(part.imageUri());
      } catch (IOException e) {
        throw new IOException("Cannot purify image " + part.imageUri() + ": " + e.getMessage(), e);
      }
    }
    BufferedImage image;
    try {
      image = ImageOps.decode(bytes, part.imageUri());
    } catch (AttackException e) {
      throw new AttackException(e.reason().code(), "Cannot purify image " + part.imageUri() + ": " + e.getMessage());
    }
    byte[] out;
    String mime;
    switch (method) {
      case "jpeg" -> {
        out = ImageOps.jpeg(image, (int) amount);
        mime = "image/jpeg";
      }
      case "blur" -> {
        out = PngEncoder.encode(ImageOps.blur(image, (int) amount));
        mime = "image/png";
      }
      default -> {
        out = PngEncoder.encode(ImageOps.resize(image, amount, true));
        mime = "image/png";
      }
    }
    String sha = Hashing.sha256Hex(out);
    changed.add(Map.of("from", part.imageSha256() == null ? Hashing.sha256Hex(bytes) : part.imageSha256(), "to", sha));
    return ContentPart.imageBytes(null, sha, out, mime);
  }
}
