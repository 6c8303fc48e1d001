package dev.mmsafety.udf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** models[].image-formats and models[].image-limits are read and checked with the config. */
class TestModelImageConfig {
  private static final String BASE = """
      run: {output: /tmp/x}
      datasets: [{name: d, benchmark: generic, path: /tmp/d}]
      models:
        - name: m
          endpoints: [{name: e, url: simulator}]
      """;

  @Test
  void formatsAndLimitsAreRead() {
    RunConfig c = ConfigLoader.parse(BASE + """
            image-formats: [png, jpg]
            image-limits: {min-side: 28, max-side: 4096, max-aspect-ratio: 50, on-violation: reject}
        """, "t.yaml");
    ModelSpec m = c.models().get(0);
    assertThat(m.imageSendPolicy().formats()).isEqualTo(List.of("png", "jpeg"));
    assertThat(m.imageSendPolicy().limits().minSide()).isEqualTo(28);
    assertThat(m.imageSendPolicy().limits().maxAspectRatio()).isEqualTo(50.0);
    assertThat(m.imageSendPolicy().limits().maxBytes()).isEqualTo(20L * 1024 * 1024);
    assertThat(ConfigLoader.parse(BASE, "t.yaml").models().get(0).imageSendPolicy().formats())
        .isEqualTo(List.of("png", "jpeg", "webp", "gif"));
  }

  @Test
  void badValuesAreConfigErrorsNamingTheModel() {
    assertThatThrownBy(() -> ConfigLoader.parse(BASE + "    image-formats: [webp]\n", "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot use config t.yaml: models[m]: Invalid image-formats [webp]: must include png or jpeg"
            + " (what other formats are converted to)");
    assertThatThrownBy(() -> ConfigLoader.parse(BASE + "    image-limits: {on-violation: crop}\n", "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot parse config t.yaml: Invalid image-limits.on-violation: crop");
  }
}
