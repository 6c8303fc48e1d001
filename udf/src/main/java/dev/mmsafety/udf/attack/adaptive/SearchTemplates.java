package dev.mmsafety.udf.attack.adaptive;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The adaptive search's five prompts: the attacker's system prompt, its first and its follow-up user message, the
 * evaluator's on-topic check and its 1-10 rating. Built in: the project's own wording (resources under
 * {@value #DIR}, quoted in docs/attacks.md); each can be replaced by a user's file.
 */
public record SearchTemplates(
    PromptTemplate attackerSystem,
    PromptTemplate attackerStart,
    PromptTemplate attackerFeedback,
    PromptTemplate onTopic,
    PromptTemplate rating) {
  static final String DIR = "/mmsafety/adaptive/";
  public static final String GOAL = "goal";
  public static final String PROMPT = "prompt";
  public static final String RESPONSE = "response";
  public static final String SCORE = "score";

  /** The five roles: resource name, allowed placeholders, the required one. */
  enum Role {
    ATTACKER_SYSTEM("attacker-system", Set.of(GOAL), GOAL),
    ATTACKER_START("attacker-start", Set.of(GOAL), GOAL),
    ATTACKER_FEEDBACK("attacker-feedback", Set.of(GOAL, RESPONSE, SCORE), RESPONSE),
    ON_TOPIC("on-topic", Set.of(GOAL, PROMPT), PROMPT),
    RATING("rating", Set.of(GOAL, PROMPT, RESPONSE), RESPONSE);

    final String resource;
    final Set<String> known;
    final String required;

    Role(String resource, Set<String> known, String required) {
      this.resource = resource;
      this.known = known;
      this.required = required;
    }

    PromptTemplate builtIn() {
      try (InputStream in = SearchTemplates.class.getResourceAsStream(DIR + resource + ".txt")) {
        if (in == null) {
          throw new IllegalStateException("Cannot load adaptive template " + resource + ": resource missing");
        }
        return PromptTemplate.checked(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), known, required);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The user's file at {@code path}, or the built-in template when {@code path} is null. */
    PromptTemplate load(String path) {
      if (path == null) {
        return builtIn();
      }
      try {
        return PromptTemplate.checked(path, Files.readString(Path.of(path), StandardCharsets.UTF_8), known, required);
      } catch (NoSuchFileException e) {
        throw new ConfigException("Cannot read adaptive template " + path + ": no such file");
      } catch (IOException e) {
        throw new ConfigException("Cannot read adaptive template " + path + ": " + e.getMessage());
      }
    }
  }

  public static SearchTemplates builtIn() {
    return of(null, null, null, null, null);
  }

  /** Templates from the given files (null: built in). */
  public static SearchTemplates of(String system, String start, String feedback, String onTopic, String rating) {
    return new SearchTemplates(Role.ATTACKER_SYSTEM.load(system), Role.ATTACKER_START.load(start),
        Role.ATTACKER_FEEDBACK.load(feedback), Role.ON_TOPIC.load(onTopic), Role.RATING.load(rating));
  }
}
