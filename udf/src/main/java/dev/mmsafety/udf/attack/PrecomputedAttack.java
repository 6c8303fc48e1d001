package dev.mmsafety.udf.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Imports adversarial images made elsewhere (white-box attacks we do not run): either a folder with one file per
 * case named {@code <key>.png|jpg|jpeg|bmp|gif}, or a manifest (CSV with a header, or JSONL) with columns
 * {@code case_id} or {@code native_id}, {@code image} (relative to the manifest's folder, or absolute) and an
 * optional {@code prompt} (else the case's prompt_text). Cases without an image are rejects (precomputed_missing).
 * Bytes are stored as given; their decodability is checked.
 */
final class PrecomputedAttack implements Attack.Behaviour {
  static final ComponentType<Attack.Factory> TYPE = Attack.type(
      "precomputed", "1", "Adversarial images made elsewhere, imported from a manifest or a folder.",
      PrecomputedAttack::new,
      Param.string("manifest", null, "CSV or JSONL with native_id or case_id, image and optional prompt"),
      Param.string("dir", null, "a folder with one <key>.png|jpg|jpeg|bmp|gif per case (instead of manifest)"),
      Param.choice("key", "native-id", "which case id names the images", "native-id", "case-id"));
  private static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif");

  private record Entry(String image, String prompt) {}

  private final String key;
  private final String dir;
  private final Map<String, Entry> manifest;

  PrecomputedAttack(Params p) {
    String manifestPath = p.string("manifest");
    this.dir = p.string("dir");
    this.key = p.choice("key");
    if ((manifestPath == null) == (dir == null)) {
      throw p.bad("manifest", "or 'dir': give exactly one");
    }
    this.manifest = manifestPath == null ? null : readManifest(manifestPath, p.label());
  }

  @Override
  public ProbeDraft apply(CaseView c, AttackContext ctx) throws AttackException {
    String id = key.equals("case-id") ? c.caseId() : c.nativeId();
    byte[] bytes = null;
    String found = null;
    String prompt = c.promptText();
    if (manifest != null) {
      Entry e = manifest.get(id);
      if (e != null) {
        found = e.image();
        bytes = tryLoad(ctx, found);
        prompt = e.prompt() == null || e.prompt().isBlank() ? prompt : e.prompt();
      }
    } else {
      String stem = dir.replaceAll("/+$", "") + "/" + id.replace(':', '_').replace('/', '_');
      for (String ext : EXTENSIONS) {
        bytes = tryLoad(ctx, stem + "." + ext);
        if (bytes != null) {
          found = stem + "." + ext;
          break;
        }
      }
    }
    if (bytes == null) {
      throw new AttackException(
          "precomputed_missing",
          key.equals("case-id") ? "case_id" : "native_id",
          "Cannot find a precomputed image for " + id + (found == null ? "" : ": " + found + " is missing"));
    }
    var image = ImageOps.decode(bytes, found);
    String source = c.hasImage() ? c.imageSha256() : null;
    return new ProbeDraft(
        prompt,
        List.of(ImagePart.encoded(bytes, extension(bytes), image.getWidth(), image.getHeight(), source)),
        source,
        null);
  }

  private static byte[] tryLoad(AttackContext ctx, String uri) throws AttackException {
    try {
      return ctx.files().load(uri);
    } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new AttackException("image_unreadable", "image", "Cannot read precomputed image " + uri + ": " + e.getMessage());
    }
  }

  static String extension(byte[] b) {
    if (b.length > 3 && (b[0] & 0xff) == 0x89 && b[1] == 'P') {
      return "png";
    }
    if (b.length > 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
      return "jpg";
    }
    if (b.length > 2 && b[0] == 'G' && b[1] == 'I') {
      return "gif";
    }
    return b.length > 1 && b[0] == 'B' && b[1] == 'M' ? "bmp" : "img";
  }

  private Map<String, Entry> readManifest(String path, String label) {
    String text;
    try {
      text = new String(UserFiles.read(path, new Configuration()), StandardCharsets.UTF_8);
    } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw new ConfigException("Cannot create attack " + label + ": manifest " + path + ": no such file");
    } catch (IOException e) {
      throw new ConfigException("Cannot create attack " + label + ": manifest " + path + ": " + e.getMessage());
    }
    String base = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
    String idColumn = key.equals("case-id") ? "case_id" : "native_id";
    Map<String, Entry> out = new HashMap<>();
    int row = 0;
    try {
      MappingIterator<JsonNode> it =
          path.endsWith(".csv")
              ? new CsvMapper().readerFor(JsonNode.class).with(CsvSchema.emptySchema().withHeader()).readValues(text)
              : new ObjectMapper().readerFor(JsonNode.class).readValues(text);
      while (it.hasNext()) {
        row++;
        JsonNode n = it.next();
        String id = n.path(idColumn).asText("");
        String image = n.path("image").asText("");
        if (id.isEmpty() || image.isEmpty()) {
          throw new ConfigException(
              "Cannot create attack " + label + ": manifest " + path + " row " + row + ": needs " + idColumn + " and image");
        }
        boolean absolute = image.startsWith("/") || image.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
        String prompt = n.hasNonNull("prompt") ? n.get("prompt").asText() : null;
        out.put(id, new Entry(absolute ? image : base + image, prompt));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw new ConfigException(
          "Cannot create attack " + label + ": manifest " + path + " row " + (row + 1) + ": " + firstLine(e.getMessage()));
    }
    return out;
  }

  private static String firstLine(String s) {
    return s == null ? "malformed" : s.split("\n", 2)[0];
  }
}
