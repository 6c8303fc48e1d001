package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.image.ImageLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what one attack makes of some cases as plain files, so a person can look before any model time is spent:
 * {@code <case>.<label>.txt} (prompt text, then the fallback note if any), {@code <case>.<label>.<i>.<ext>} (image
 * parts in order) and, for cases the attack rejects, {@code <case>.<label>.reject.txt} with the reason. Case ids
 * are made file-safe (':' and '/' become '_').
 */
public final class AttackPreview {
  /** What was written. */
  public record Summary(int probes, int rejects, List<Path> files) {}

  private AttackPreview() {}

  public static Summary write(List<CaseView> cases, AttackSpec spec, long runSeed, ImageLoader files, Path outDir)
      throws IOException {
    AttackRunner.Planned planned = AttackRunner.Planned.of(spec);
    Files.createDirectories(outDir);
    List<Path> written = new ArrayList<>();
    int probes = 0;
    int rejects = 0;
    for (CaseView c : cases) {
      if (!planned.appliesTo(c)) {
        continue;
      }
      String stem = c.caseId().replace(':', '_').replace('/', '_') + "." + spec.label();
      long seed = AttackRunner.seedFor(planned, runSeed, c.caseId());
      try {
        ProbeDraft d = planned.attack().apply(c, new AttackContext(seed, files));
        String text = d.promptText() + (d.note() == null ? "" : "\n---\nnote: " + d.note()) + "\n";
        written.add(Files.writeString(outDir.resolve(stem + ".txt"), text, StandardCharsets.UTF_8));
        for (int i = 0; i < d.images().size(); i++) {
          ImagePart part = d.images().get(i);
          byte[] bytes = part.generated() ? part.bytes() : files.load(part.uri());
          String ext = part.generated() ? part.ext() : PrecomputedAttack.extension(bytes);
          written.add(Files.write(outDir.resolve(stem + "." + (i + 1) + "." + ext), bytes));
        }
        probes++;
      } catch (AttackException e) {
        written.add(
            Files.writeString(
                outDir.resolve(stem + ".reject.txt"), e.reason().code() + ": " + e.getMessage() + "\n",
                StandardCharsets.UTF_8));
        rejects++;
      }
    }
    return new Summary(probes, rejects, written);
  }
}
