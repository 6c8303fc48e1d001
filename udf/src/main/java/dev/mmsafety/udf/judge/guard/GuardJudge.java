package dev.mmsafety.udf.judge.guard;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.Verdict;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Guard-model judge (Llama Guard 3 Vision). Mode {@code prompt} (default) sends our rendering of the task prompt as
 * one user message, image first; mode {@code conversation} sends the user turn and the answer as an assistant turn
 * and lets the server's Llama Guard chat template build the task. Verdict safe/unsafe with categories S1-S13.
 */
public final class GuardJudge implements Judge {
  public static final String KIND = "guard";
  public static final String VERSION = "1";
  public static final String MODE_PROMPT = "prompt";
  public static final String MODE_CONVERSATION = "conversation";

  private final String name;
  private final String modelName;
  private final String mode;
  private final boolean withImage;
  private final GenerationSpec generation;
  private final ModelCaller caller;
  private final ImageLoader images;

  public GuardJudge(
      String name, String modelName, String mode, boolean withImage, GenerationSpec generation, ModelCaller caller,
      ImageLoader images) {
    this.name = name;
    this.modelName = modelName;
    this.mode = mode;
    this.withImage = withImage;
    this.generation = generation;
    this.caller = caller;
    this.images = images;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public String templateHash() {
    return Hashing.sha256Hex(
        LlamaGuardFormat.prompt("{{question}}", "{{response}}"), mode, modelName, String.valueOf(withImage),
        String.valueOf(generation));
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public CompletableFuture<Verdict> judgeText(JudgeInput input) {
    List<ContentPart> userParts = new ArrayList<>();
    if (withImage && input.imageUri() != null) {
      try {
        byte[] bytes = images.load(input.imageUri());
        userParts.add(ContentPart.imageBytes(input.imageUri(), Hashing.sha256Hex(bytes), bytes, mime(input.imageUri())));
      } catch (IOException | RuntimeException e) {
        return CompletableFuture.completedFuture(
            Verdict.error("Cannot load image " + input.imageUri() + " for judge " + name + ": " + e.getMessage()));
      }
    }
    List<ChatMessage> messages = new ArrayList<>();
    if (MODE_CONVERSATION.equals(mode)) {
      userParts.add(ContentPart.text(input.question() == null ? "" : input.question()));
      messages.add(ChatMessage.user(userParts));
      messages.add(new ChatMessage("assistant", List.of(ContentPart.text(input.text()))));
    } else {
      userParts.add(ContentPart.text(LlamaGuardFormat.prompt(input.question(), input.text())));
      messages.add(ChatMessage.user(userParts));
    }
    return caller
        .call(new ModelRequest(modelName, messages, generation))
        .thenApply(
            r -> r.ok()
                ? LlamaGuardFormat.parse(r.text())
                : Verdict.error(
                    "judge endpoint " + r.status() + (r.httpStatus() == null ? "" : " (HTTP " + r.httpStatus() + ")")
                        + ": " + r.error()))
        .exceptionally(e -> Verdict.error("Cannot call judge " + name + ": " + e));
  }

  private static String mime(String uri) {
    String u = uri.toLowerCase(java.util.Locale.ROOT);
    return u.endsWith(".png") ? "image/png" : u.endsWith(".webp") ? "image/webp" : "image/jpeg";
  }
}
