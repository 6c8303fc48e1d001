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
    LoadResult strict = load("generic", root, Map.of("fields", Map.of("text", "question", "image-bytes", "pic"), "strict", true), null, dir);
    assertThat(rejects(strict).keySet()).containsExactly("unknown_field");
    assertThat(strict.rejects()).hasSize(2).allMatch(x -> x.field().equals("lang"));
  }

  @Test
  void parquetWithBinaryImageColumn(@TempDir Path dir) throws Exception {
    Path root = Fixtures.writeHades(dir.resolve("h"));
    LoadResult r = load("generic", root.resolve("data"),
        Map.of("format", "parquet", "fields", Map.of("text", "instruction", "image-bytes", "image", "category", "scenario")),
        null, dir);
    // The struct column is not bytes: mapped as image-bytes it is a wrong_type; ids repeat across steps.
    assertThat(r.rowsRead()).isEqualTo(6);
    assertThat(rejects(r).keySet()).contains("wrong_type");
  }

  @Test
  void unknownRoleIsAConfigError() {
    assertThatThrownBy(() -> load("generic", Map.of("fields", Map.of("txt", "prompt"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("fields.txt is not one of");
  }
}
