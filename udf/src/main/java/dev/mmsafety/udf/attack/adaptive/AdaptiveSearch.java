package dev.mmsafety.udf.attack.adaptive;

import dev.mmsafety.udf.answers.AttackerOutput;
import dev.mmsafety.udf.answers.LabelAnswer;
import dev.mmsafety.udf.attack.adaptive.SearchCall.Purpose;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case's adaptive search (TAP; PAIR is its special case) as a state machine, so many searches can interleave
 * in one partition's bounded window. Each round runs four phases, each a batch of calls the caller makes
 * concurrently: ATTACK (the attacker proposes {@code branching} prompts per live node), ON_TOPIC (TAP only: the
 * evaluator's yes/no check prunes off-topic proposals before the target sees them), TARGET, RATE (the evaluator's
 * 1-10 rating, or a scorer judge's verdict mapped to 1-10, handed back by {@link #score}). After RATE: a rating at or above the success score stops the search; otherwise the {@code width}
 * best-rated answered nodes stay live (the others are pruned as low-scoring) and the next round starts.
 *
 * <p>Documented rules for bad answers: an attacker answer without a prompt, or a failed attacker or target call,
 * prunes that node with the reason; a node all of whose proposals died stays live, so its conversation is retried
 * next round with a new seed. An on-topic answer that is neither yes nor no keeps the node (noted). An unparseable or
 * failed rating keeps the node unrated (it ranks below every rated node). The per-case caps: a call is emitted only
 * while calls made are below {@code max-calls} (nodes left without their call are pruned "call cap") and no phase
 * starts once the reported tokens reach {@code max-tokens}.
 *
 * <p>Use: {@link #next()} returns the calls to make now (empty while answers are outstanding or when done); give
 * each answer to {@link #answer}. Deterministic: node ids, messages and seeds depend only on the case, the settings
 * and the answers.
 */
public final class AdaptiveSearch {
  private enum Phase {
    ATTACK, ON_TOPIC, TARGET, RATE, DONE
  }

  private final SearchSettings settings;
  private final SearchTemplates templates;
  private final Carrier carrier;
  private final String goal;
  private final long seed;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, SearchCall> pending = new LinkedHashMap<>();
  /** Live nodes to expand next round; null entries are a stream's virtual root. */
  private List<Live> frontier = new ArrayList<>();
  private List<Node> current = new ArrayList<>();
  private Phase phase = Phase.ATTACK;
  private int round;
  private int calls;
  private long tokens;
  private boolean capped;
  private String stopReason;
  private Integer callsToSuccess;

  /** A node to expand: a stream's root (node null) or an answered node. */
  private record Live(int stream, Node node) {}

  public AdaptiveSearch(SearchSettings settings, SearchTemplates templates, Carrier carrier, String goal, long seed) {
    this.settings = settings;
    this.templates = templates;
    this.carrier = carrier;
    this.goal = goal;
    this.seed = seed;
    for (int s = 0; s < settings.streams(); s++) {
      frontier.add(new Live(s, null));
    }
  }

  public boolean done() {
    return phase == Phase.DONE;
  }

  /** The calls to make now; empty while answers are outstanding, and when the search is done. */
  public List<SearchCall> next() {
    while (phase != Phase.DONE && pending.isEmpty()) {
      List<SearchCall> emitted = emit();
      if (!emitted.isEmpty()) {
        emitted.forEach(c -> pending.put(c.id(), c));
        return emitted;
      }
      advance();
    }
    return List.of();
  }

  /** Hands back the answer to the call {@code callId}; the last answer of a phase moves the search on. */
  public void answer(String callId, ModelResponse response) {
    SearchCall call = take(callId);
    tokens += (response.promptTokens() == null ? 0 : response.promptTokens())
        + (response.completionTokens() == null ? 0 : response.completionTokens());
    Node n = nodes.get(call.node());
    switch (call.purpose()) {
      case ATTACK -> onAttacker(n, response);
      case ON_TOPIC -> onTopic(n, response);
      case TARGET -> onTarget(n, response);
      case RATE -> onScore(n, Score.ofRating(response));
    }
    answered();
  }

  /** Hands back a scorer judge's score for the RATE call {@code callId} (in place of the evaluator's answer). */
  public void score(String callId, Score score) {
    SearchCall call = pending.get(callId);
    if (call != null && call.purpose() != Purpose.RATE) {
      throw new IllegalStateException("Cannot take a score for " + callId + ": it is not a rating call");
    }
    onScore(nodes.get(take(callId).node()), score);
    answered();
  }

  private SearchCall take(String callId) {
    SearchCall call = pending.remove(callId);
    if (call == null) {
      throw new IllegalStateException("Cannot take answer " + callId + ": no such call is outstanding");
    }
    return call;
  }

  private void answered() {
    if (pending.isEmpty()) {
      advance();
    }
  }

  /** The finished search; fails while it is running. */
  public SearchOutcome outcome() {
    if (phase != Phase.DONE) {
      throw new IllegalStateException("Cannot read the outcome of a running search");
    }
    List<SearchStep> steps = nodes.stream().map(Node::step).toList();
    SearchStep best = nodes.stream().filter(n -> n.responseId != null)
        .min(RANKING).map(Node::step).orElse(null);
    String reject = best != null ? null
        : nodes.isEmpty() ? "no call was made (" + stopReason + ")"
        : "no proposal reached the target; last reason: " + nodes.get(nodes.size() - 1).why;
    return new SearchOutcome(steps, best, reject, SearchOutcome.SUCCESS.equals(stopReason), stopReason, round, calls,
        tokens, callsToSuccess);
  }

  /** Best first: higher rating, unrated last, then the earlier node. */
  private static final Comparator<Node> RANKING =
      Comparator.<Node>comparingInt(n -> n.score == null ? 0 : -n.score).thenComparingInt(n -> n.id);

  private List<SearchCall> emit() {
    if (tokens >= settings.maxTokens()) {
      stop(SearchOutcome.TOKEN_CAP, "token cap reached before " + phase.name().toLowerCase().replace('_', '-'));
      return List.of();
    }
    List<SearchCall> out = new ArrayList<>();
    switch (phase) {
      case ATTACK -> {
        round++;
        current = new ArrayList<>();
        for (Live live : frontier) {
          for (int b = 0; b < settings.branching(); b++) {
            Node child = new Node(nodes.size(), live.node, live.stream, round);
            nodes.add(child);
            current.add(child);
            call(out, child, Purpose.ATTACK, attackerMessages(live.node), mix(child.id));
          }
        }
      }
      case ON_TOPIC -> {
        for (Node n : live()) {
          String text = templates.onTopic().render(Map.of(SearchTemplates.GOAL, goal, SearchTemplates.PROMPT, n.prompt));
          call(out, n, Purpose.ON_TOPIC, List.of(userText(text)), null);
        }
      }
      case TARGET -> {
        for (Node n : live()) {
          List<ContentPart> parts;
          try {
            parts = carrier.parts(n.prompt);
          } catch (RuntimeException e) {
            n.prune("carrier failed: " + e.getMessage());
            continue;
          }
          n.carrierSha256 = parts.stream().filter(ContentPart::isImage).map(ContentPart::imageSha256).findFirst()
              .orElse(null);
          call(out, n, Purpose.TARGET, List.of(ChatMessage.user(parts)), null);
        }
      }
      case RATE -> {
        for (Node n : live()) {
          String text = templates.rating().render(Map.of(SearchTemplates.GOAL, goal, SearchTemplates.PROMPT, n.prompt,
              SearchTemplates.RESPONSE, n.response));
          call(out, n, Purpose.RATE, List.of(userText(text)), null, new SearchSubject(goal, n.prompt, n.responseId,
              n.response));
        }
      }
      case DONE -> { }
    }
    return out;
  }

  /** Adds the call unless the per-case call cap is reached, in which case the node is pruned. */
  private void call(List<SearchCall> out, Node n, Purpose purpose, List<ChatMessage> messages, Long callSeed) {
    call(out, n, purpose, messages, callSeed, null);
  }

  private void call(List<SearchCall> out, Node n, Purpose purpose, List<ChatMessage> messages, Long callSeed,
      SearchSubject subject) {
    if (calls >= settings.maxCalls()) {
      capped = true;
      n.prune("call cap reached before " + purpose.name().toLowerCase().replace('_', '-'));
      return;
    }
    calls++;
    out.add(new SearchCall(n.id + ":" + purpose.name().toLowerCase(), n.id, purpose, messages, callSeed, subject));
  }

  private void advance() {
    switch (phase) {
      case ATTACK -> phase = settings.onTopic() ? Phase.ON_TOPIC : Phase.TARGET;
      case ON_TOPIC -> phase = Phase.TARGET;
      case TARGET -> phase = Phase.RATE;
      case RATE -> endRound();
      case DONE -> { }
    }
  }

  private void endRound() {
    if (current.stream().anyMatch(n -> n.score != null && n.score >= settings.successScore())) {
      callsToSuccess = calls;
      stop(SearchOutcome.SUCCESS, null);
      return;
    }
    if (capped) {
      stop(SearchOutcome.CALL_CAP, null);
      return;
    }
    if (round >= settings.rounds()) {
      stop(SearchOutcome.ROUNDS_EXHAUSTED, null);
      return;
    }
    // Candidates: answered children, plus live nodes none of whose proposals got an answer (retried next round).
    List<Live> candidates = new ArrayList<>();
    for (Node n : current) {
      if (!n.pruned && n.responseId != null) {
        candidates.add(new Live(n.stream, n));
      }
    }
    for (Live f : frontier) {
      boolean answered = current.stream().anyMatch(n -> n.parent == f.node && n.stream == f.stream
          && !n.pruned && n.responseId != null);
      if (!answered) {
        candidates.add(f);
      }
    }
    candidates.sort(Comparator.comparingInt((Live l) -> l.node == null || l.node.score == null ? 0 : -l.node.score)
        .thenComparingInt(l -> l.node == null ? Integer.MAX_VALUE : l.node.id));
    List<Live> kept = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Live l = candidates.get(i);
      if (i < settings.width()) {
        kept.add(l);
      } else if (l.node != null) {
        l.node.prune("low score: rank " + (i + 1) + " of " + candidates.size() + ", width " + settings.width());
      }
    }
    frontier = kept;
    if (frontier.isEmpty()) {
      stop(SearchOutcome.NO_LIVE_BRANCHES, null);
    } else {
      phase = Phase.ATTACK;
    }
  }

  private void stop(String reason, String why) {
    stopReason = reason;
    if (why != null) {
      live().forEach(n -> n.prune(why));
    }
    phase = Phase.DONE;
  }

  private List<Node> live() {
    return current.stream().filter(n -> !n.pruned).toList();
  }

  private void onAttacker(Node n, ModelResponse r) {
    if (!r.ok()) {
      n.prune("attacker failed: " + r.status());
      return;
    }
    n.attackerRaw = r.text();
    AttackerOutput.Parsed p = AttackerOutput.parse(r.text());
    if (!p.ok()) {
      n.prune("attacker off-format: " + p.reason());
      return;
    }
    n.prompt = p.prompt();
    n.improvement = p.improvement();
  }

  private void onTopic(Node n, ModelResponse r) {
    Boolean yes = r.ok() ? LabelAnswer.yes(r.text()) : null;
    if (Boolean.FALSE.equals(yes)) {
      n.prune("off topic");
    } else if (yes == null) {
      n.why = r.ok() ? "on-topic answer unparseable: kept" : "on-topic check failed (" + r.status() + "): kept";
    }
  }

  private void onTarget(Node n, ModelResponse r) {
    if (!r.ok()) {
      n.prune("target failed: " + r.status());
      return;
    }
    n.responseId = r.requestId();
    n.response = r.text() == null ? "" : r.text();
  }

  private void onScore(Node n, Score s) {
    n.score = s.value();
    n.scorerVerdict = s.verdict();
    if (s.problem() != null) {
      n.why = s.problem();
    }
  }

  /** The attacker's conversation for a proposal refining {@code parent}: system, start, then each ancestor's turn. */
  private List<ChatMessage> attackerMessages(Node parent) {
    Deque<Node> lineage = new ArrayDeque<>();
    for (Node a = parent; a != null; a = a.parent) {
      lineage.push(a);
    }
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.system(templates.attackerSystem().render(Map.of(SearchTemplates.GOAL, goal))));
    messages.add(userText(templates.attackerStart().render(Map.of(SearchTemplates.GOAL, goal))));
    for (Node a : lineage) {
      messages.add(new ChatMessage("assistant", List.of(ContentPart.text(a.attackerRaw))));
      messages.add(userText(templates.attackerFeedback().render(Map.of(SearchTemplates.GOAL, goal,
          SearchTemplates.RESPONSE, a.response, SearchTemplates.SCORE, a.score == null ? "unrated" : a.score.toString()))));
    }
    return messages;
  }

  private static ChatMessage userText(String text) {
    return ChatMessage.user(List.of(ContentPart.text(text)));
  }

  private long mix(int node) {
    String hex = Hashing.sha256Hex(Long.toString(seed), Integer.toString(node));
    return Long.parseUnsignedLong(hex.substring(0, 12), 16);
  }

  /** A node while the search runs. */
  private static final class Node {
    final int id;
    final Node parent;
    final int stream;
    final int round;
    String attackerRaw;
    String prompt;
    String improvement;
    String carrierSha256;
    String responseId;
    String response;
    Integer score;
    String scorerVerdict;
    boolean pruned;
    String why;

    Node(int id, Node parent, int stream, int round) {
      this.id = id;
      this.parent = parent;
      this.stream = stream;
      this.round = round;
    }

    void prune(String reason) {
      pruned = true;
      why = reason;
    }

    SearchStep step() {
      return new SearchStep(id, parent == null ? null : parent.id, stream, round, prompt, improvement, carrierSha256,
          responseId, response, score, scorerVerdict, pruned, why);
    }
  }
}
