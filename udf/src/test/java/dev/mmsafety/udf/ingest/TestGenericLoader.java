package dev.mmsafety.udf.ingest;

import static dev.mmsafety.udf.ingest.LoaderTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestGenericLoader {
  static final Map<String, Object> FIELDS =
      Map.of("fields", Map.of("id", "qid", "text", "prompt", "image", "img", "category", "cat", "polarity", "pol"));

  @Test
  void jsonlWithMappingRejectsBadLines() {
    LoadResult r = load("generic", FIELDS);
    assertThat(ids(r)).containsExactly("generic:default:g1", "generic:default:g2", "generic:default:g6", "generic:default:g7");
    assertThat(rejects(r))
        .isEqualTo(Map.of(
            "path_escapes_root", List.of("cases.jsonl#3:img"),
            "malformed_json", List.of("cases.jsonl#4:null"),
            "duplicate_id", List.of("cases.jsonl#5:id"),
            "wrong_type", List.of("cases.jsonl#6:prompt")));
    assertThat(draft(r, "generic:default:g2").polarity()).isEqualTo("benign");
    assertThat(draft(r, "generic:default:g1").canonicalCategory()).isEqualTo("misinformation");
    assertThat(draft(r, "generic:default:g7").imageUri()).isNull();
    assertThat(draft(r, "generic:default:g1").split()).isEqualTo("cases");
  }

  @Test
  void csvAndBase64BytesAndStrictMode(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("ds"));
    String b64 = Base64.getEncoder().encodeToString(Fixtures.png(9, 4, 4));
    Files.writeString(root.resolve("items.csv"),
        "id,question,pic,lang\n1,\"Hello,\nworld\",\"data:image/png;base64," + b64 + "\",en\n2,Second,,de\n");
    LoadResult r = load("generic", root,
        Map.of("fields", Map.of("text", "question", "image-bytes", "pic"), "variant", "v1", "polarity", "benign"), null, dir);
    assertThat(ids(r)).containsExactly("generic:v1:1", "generic:v1:2");
    assertThat(draft(r, "generic:v1:1").imageUri()).contains("/images/sha256/");
    assertThat(draft(r, "generic:v1:1").promptText()).isEqualTo("Hello,\nworld");
    assertThat(draft(r, "generic:v1:2").extra()).containsEntry("lang", "de");
    // Strict mode rejects both rows (unknown_field lang): a dataset left with no case is one error saying why.
    assertThatThrownBy(() -> load("generic", root,
            Map.of("fields", Map.of("text", "question", "image-bytes", "pic"), "strict", true), null, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot ingest generic-test: 0 cases from 2 row(s) read (rejected: unknown_field 2; first:"
            + " items.csv row 1 field lang: unknown field lang); columns found in items.csv: id, question, pic, lang");
  }

  @Test
  void parquetWithBinaryImageColumn(@TempDir Path dir) throws Exception {
    Path root = Fixtures.writeHades(dir.resolve("h"));
    // The struct column is not bytes: mapped as image-bytes it is a wrong_type; HADES' categories are not in the
    // generic taxonomy. No row is left, so the load fails, with the counts per reason and the parquet columns.
    assertThatThrownBy(() -> load("generic", root.resolve("data"),
            Map.of("format", "parquet", "fields", Map.of("text", "instruction", "image-bytes", "image", "category", "scenario")),
            null, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot ingest generic-test: 0 cases from 6 row(s) read (rejected: unknown_category 4,"
            + " wrong_type 2; first: test-00000-of-00002.parquet row 1 field scenario: category Animal is not in the")
        .hasMessageContaining("columns found in test-00000-of-00002.parquet: image, id, scenario, keywords, step,"
            + " category, instruction");
    assertThatThrownBy(() -> load("generic", root.resolve("data"),
            Map.of("format", "parquet", "fields", Map.of("text", "instruction", "image-bytes", "image")), null, dir))
        .hasMessageStartingWith("Cannot ingest generic-test: 0 cases from 6 row(s) read (rejected: wrong_type 6; first:"
            + " test-00000-of-00002.parquet row 1 field image: field image is not base64 image bytes)");
  }

  @Test
  void aMappedColumnTheFileLacksIsOneErrorListingTheColumns(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("ds"));
    Files.writeString(root.resolve("items.csv"), "id,question,lang\n1,Hello,en\n2,Second,de\n");
    assertThatThrownBy(() -> load("generic", root, Map.of("fields", Map.of("text", "questoin")), null, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot ingest generic-test: fields.text names column 'questoin', which items.csv lacks"
            + " (columns found: id, question, lang)");
    assertThatThrownBy(() -> load("generic", root, Map.of("fields", Map.of("text", "question", "category", "cat")),
            null, dir))
        .hasMessage("Cannot ingest generic-test: fields.category names column 'cat', which items.csv lacks"
            + " (columns found: id, question, lang)");
    Files.delete(root.resolve("items.csv"));
    Files.writeString(root.resolve("items.jsonl"), "{\"qid\": \"a\", \"text\": \"t\"}\n{\"qid\": \"b\", \"text\": \"u\"}\n");
    assertThatThrownBy(() -> load("generic", root, Map.of(), null, dir))
        .hasMessage("Cannot ingest generic-test: fields.id defaults to column 'id', which items.jsonl lacks"
            + " (columns found: qid, text)");
  }

  @Test
  void anEmptyDatasetIsAnErrorNotAReject(@TempDir Path dir) throws Exception {
    Path root = Files.createDirectories(dir.resolve("ds"));
    Files.writeString(root.resolve("cases.jsonl"), "\n");
    assertThatThrownBy(() -> load("generic", root, Map.of(), null, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot ingest generic-test: 0 cases from 0 row(s) read; no columns found");
  }

  @Test
  void unknownRoleIsAConfigError() {
    assertThatThrownBy(() -> load("generic", Map.of("fields", Map.of("txt", "prompt"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("fields.txt is not one of");
  }
}
