package dev.mmsafety.udf.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TestDataResources {
  private static final String LISTS = "/mmsafety/data-resources/lists.json";

  @Test
  void readsListsOfStringsInFileOrder() {
    assertThat(DataResources.stringField(DataResources.json(LISTS), "styles", LISTS)).containsExactly("a", "b");
  }

  @Test
  void everyFailureIsOneLineNamingTheResourceAndTheField() {
    JsonNode lists = DataResources.json(LISTS);
    assertThatThrownBy(() -> DataResources.json("/mmsafety/data-resources/absent.json"))
        .hasMessage("Cannot load /mmsafety/data-resources/absent.json: resource missing from the class path");
    assertThatThrownBy(() -> DataResources.json("/mmsafety/data-resources/truncated.json"))
        .hasMessageStartingWith("Cannot load /mmsafety/data-resources/truncated.json: malformed JSON at line ")
        .message().doesNotContain("\n");
    assertThatThrownBy(() -> DataResources.stringField(lists, "missing", LISTS))
        .hasMessage("Cannot load " + LISTS + ": field 'missing' missing");
    assertThatThrownBy(() -> DataResources.stringField(lists, "nothing", LISTS))
        .hasMessage("Cannot load " + LISTS + ": field 'nothing' missing");
    assertThatThrownBy(() -> DataResources.stringField(lists, "empty", LISTS))
        .hasMessage("Cannot load " + LISTS + ": 'empty' must be a non-empty list of strings");
    assertThatThrownBy(() -> DataResources.stringField(lists, "mixed", LISTS))
        .hasMessage("Cannot load " + LISTS + ": 'mixed' has a non-string entry 3");
  }
}
