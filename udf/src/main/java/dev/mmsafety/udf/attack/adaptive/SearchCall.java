package dev.mmsafety.udf.attack.adaptive;

import dev.mmsafety.udf.model.ChatMessage;
import java.util.List;

/**
 * One model call a search wants made. The driver maps the {@link Purpose}'s role to a model (attacker helper,
 * evaluator, target), adds generation settings and {@code seed}, and hands the answer back by {@code id}.
 *
 * @param id unique within the search: node and purpose
 * @param node the search node the call belongs to
 * @param seed the sampling seed for attacker calls (distinct per node, so streams and branches differ), else null
 * @param subject what a RATE call scores (a scorer judge reads it instead of the messages), else null
 */
public record SearchCall(
    String id, int node, Purpose purpose, List<ChatMessage> messages, Long seed, SearchSubject subject) {
  public SearchCall {
    messages = List.copyOf(messages);
  }

  /** What the call is for; its role says which model answers. */
  public enum Purpose {
    ATTACK(Role.ATTACKER), ON_TOPIC(Role.EVALUATOR), TARGET(Role.TARGET), RATE(Role.EVALUATOR);

    private final Role role;

    Purpose(Role role) {
      this.role = role;
    }

    public Role role() {
      return role;
    }
  }

  /** The three models a search talks to. */
  public enum Role {
    ATTACKER, EVALUATOR, TARGET
  }
}
