package dev.mmsafety.udf.spark;

import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.attack.AttackRunner;
import dev.mmsafety.udf.attack.adaptive.AdaptiveAttack;
import dev.mmsafety.udf.attack.adaptive.SearchOutcome;
import dev.mmsafety.udf.attack.adaptive.SearchStep;
import dev.mmsafety.udf.attack.adaptive.VisualCarriers;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.image.ImageStore;
import dev.mmsafety.udf.model.ContentPart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;

/**
 * A finished search as tagged rows ({@link AttackRows#SCHEMA}): one attack_rounds row per node, then the best node
 * as a probe bound to the search's model under test (text and carrier image exactly as the target saw them, so the
 * inference stage's request has the same id and is answered from the cache), with one image_lineage row for a
 * carrier image; or, when no proposal reached the target, one reject ({@code search_failed}).
 */
final class AdaptiveProbes {
  static final String REASON_NO_PROMPT = "search_failed";

  private final String runId;
  private final String runDate;
  private final ImageStore store;

  AdaptiveProbes(String runId, String runDate, ImageStore store) {
    this.runId = runId;
    this.runDate = runDate;
    this.store = store;
  }

  /** One search: the case, the attack, its params and seed, the model under test. */
  record Search(Row caseRow, String label, AdaptiveAttack attack, String paramsJson, long seed, String target) {
    String caseId() {
      return SharedColumns.CASE_ID.getString(caseRow);
    }

    String probeId() {
      return Hashing.shortId(caseId(), label, paramsJson, Long.toString(seed), target);
    }

    AttackRows.Origin origin() {
      return new AttackRows.Origin(probeId(), label, attack.version(), paramsJson, seed);
    }
  }

  List<Row> rows(Search s, SearchOutcome o) {
    List<Row> out = new ArrayList<>();
    for (SearchStep step : o.steps()) {
      out.add(AttackRows.wrap(AttackRows.Kind.ROUND,
          AttackRoundRows.of(runId, runDate, s.caseId(), s.target(), s.label(), step)));
    }
    if (o.best() == null) {
      out.add(reject(s, "model " + s.target() + ": " + o.rejectReason()));
      return out;
    }
    List<ContentPart> parts = VisualCarriers.of(s.attack().carrier()).parts(o.best().attackerPrompt());
    StringBuilder text = new StringBuilder();
    List<String> uris = new ArrayList<>();
    List<String> shas = new ArrayList<>();
    List<Row> lineage = new ArrayList<>();
    for (ContentPart p : parts) {
      if (!p.isImage()) {
        text.append(text.isEmpty() ? "" : "\n").append(p.text());
        continue;
      }
      ImageStore.Stored stored = store(p.bytes());
      lineage.add(lineage(s, stored, shas.size(), p.bytes()));
      uris.add(stored.uri());
      shas.add(stored.sha256());
    }
    Row probe = ProbesTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, runId)
        .set(SharedColumns.RUN_DATE, runDate)
        .set(ProbesTable.PROMPT_TEXT, text.toString())
        .set(ProbesTable.IMAGE_URIS, AttackRows.seq(uris))
        .set(ProbesTable.IMAGE_SHA256S, AttackRows.seq(shas))
        .set(ProbesTable.SOURCE_IMAGE_SHA256, null)
        .set(ProbesTable.ATTACK_NOTE, "best of " + o.steps().size() + " node(s): node " + o.best().node() + ", round "
            + o.best().round() + ", score " + (o.best().score() == null ? "unrated" : o.best().score()))
        .set(ProbesTable.TARGET_MODEL, s.target())
        .set(ProbesTable.SEARCH_ROUNDS, o.rounds())
        .set(ProbesTable.SEARCH_STOP, o.stopReason())
        .set(ProbesTable.SEARCH_CALLS, o.calls())
        .set(ProbesTable.SEARCH_CALLS_TO_SUCCESS, o.callsToSuccess())
        .copyFrom(s.origin())
        .copyFrom(s.caseRow())
        .build();
    out.add(AttackRows.wrap(AttackRows.Kind.PROBE, probe));
    out.addAll(lineage);
    return out;
  }

  /** A search that broke (a bug or an unforeseen error): the case's one reject, never a failed task. */
  List<Row> failed(Search s, Throwable error) {
    Throwable c = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return List.of(reject(s, "model " + s.target() + ": search failed: " + c.getClass().getSimpleName() + ": "
        + c.getMessage()));
  }

  private Row reject(Search s, String reason) {
    return AttackRows.reject(s.caseRow(), s.label(), REASON_NO_PROMPT, null, reason, runId, runDate);
  }

  private ImageStore.Stored store(byte[] png) {
    try {
      return store.put(png, "png");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store carrier image: " + e.getMessage(), e);
    }
  }

  private Row lineage(Search s, ImageStore.Stored stored, int index, byte[] png) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AttackRows.lineage(s.origin(),
        new AttackRunner.Lineage(stored.sha256(), stored.uri(), null, index, image.getWidth(), image.getHeight()),
        runId, runDate);
  }
}
