package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.image.ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies configured attacks to cases: for each (case, attack) whose {@link AttackScope} takes the case, exactly
 * one {@link Probe} or one {@link Reject}, so counts reconcile. Generated images go to the {@link ImageStore} and
 * each becomes a {@link Lineage} entry. Plain Java; the Spark adapter maps outcomes to rows.
 */
public final class AttackRunner {
  /** An attack ready to run, with its params as canonical JSON and the cases it applies to. */
  public record Planned(AttackSpec spec, Attack attack, String paramsJson, AttackScope scope) {
    public static Planned of(AttackSpec spec) {
      Attack attack = Attacks.create(spec);
      return new Planned(spec, attack, CanonicalJson.write(attack.params()), AttackScope.of(spec));
    }

    public boolean appliesTo(CaseView c) {
      return scope.applies(c.benchmark(), c.variant(), c.hasImage());
    }
  }

  /** The result of one (case, attack) pair. */
  public sealed interface Outcome permits Probe, Reject {}

  public record Lineage(String sha256, String uri, String sourceSha256, int partIndex, int width, int height) {}

  public record Probe(
      String probeId,
      Planned planned,
      long seed,
      String promptText,
      List<String> imageUris,
      List<String> imageSha256s,
      String sourceImageSha256,
      String note,
      List<Lineage> lineage)
      implements Outcome {}

  public record Reject(String probeId, Planned planned, String reasonCode, String field, String reason)
      implements Outcome {}

  private final List<Planned> attacks;
  private final long runSeed;
  private final ImageStore store;
  private final ImageLoader files;

  public AttackRunner(List<Planned> attacks, long runSeed, ImageStore store, ImageLoader files) {
    this.attacks = List.copyOf(attacks);
    this.runSeed = runSeed;
    this.store = store;
    this.files = files;
  }

  /** Outcomes for every applicable attack of one case, in config order. */
  public List<Outcome> run(CaseView c) {
    List<Outcome> out = new ArrayList<>();
    for (Planned p : attacks) {
      if (p.appliesTo(c)) {
        out.add(runOne(c, p));
      }
    }
    return out;
  }

  public static long seedFor(Planned p, long runSeed, String caseId) {
    return p.spec().seed() != null ? p.spec().seed() : Seeds.derive(runSeed, caseId, p.spec().label());
  }

  public static String probeId(String caseId, Planned p, long seed) {
    return Hashing.shortId(caseId, p.spec().label(), p.paramsJson(), Long.toString(seed));
  }

  Outcome runOne(CaseView c, Planned p) {
    long seed = seedFor(p, runSeed, c.caseId());
    String probeId = probeId(c.caseId(), p, seed);
    ProbeDraft draft;
    try {
      draft = p.attack().apply(c, new AttackContext(seed, files));
    } catch (AttackException e) {
      return new Reject(probeId, p, e.reason().code(), e.reason().field(), e.getMessage());
    } catch (RuntimeException e) {
      // A bug or an input we did not foresee: one reject naming the case, not a failed task.
      return new Reject(
          probeId, p, "attack_failed", null,
          "Cannot apply attack " + p.spec().label() + " to " + c.caseId() + ": " + e.getClass().getSimpleName()
              + ": " + e.getMessage());
    }
    List<String> uris = new ArrayList<>();
    List<String> shas = new ArrayList<>();
    List<Lineage> lineage = new ArrayList<>();
    for (int i = 0; i < draft.images().size(); i++) {
      ImagePart part = draft.images().get(i);
      if (!part.generated()) {
        uris.add(part.uri());
        shas.add(part.sha256());
        continue;
      }
      ImageStore.Stored stored;
      try {
        stored = store.put(part.bytes(), part.ext());
      } catch (IOException e) {
        // Storage trouble is infrastructure, not data: fail the task so Spark retries it.
        throw new UncheckedIOException("Cannot store image for probe " + probeId, e);
      }
      uris.add(stored.uri());
      shas.add(stored.sha256());
      lineage.add(new Lineage(stored.sha256(), stored.uri(), part.sourceSha256(), i, part.width(), part.height()));
    }
    return new Probe(probeId, p, seed, draft.promptText(), uris, shas, draft.sourceImageSha256(), draft.note(), lineage);
  }
}
