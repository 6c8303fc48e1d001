package dev.mmsafety.udf.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.SimulatorSpec;
import org.junit.jupiter.api.Test;

class TestSimulatorConfig {
  @Test
  void readsTheAddedSettingsFromYamlAndDefaultsTheRest() {
    RunConfig config = ConfigLoader.parse("""
        run: {output: /tmp/x}
        datasets: [{name: d, benchmark: generic, path: /x}]
        simulator: {capacity: 3, service-ms: 7, seed: 9, retry-after-seconds: 2, error-rate: 0.1}
        """, "t");
    SimulatorSpec s = config.simulator();
    assertThat(s.capacity()).isEqualTo(3);
    assertThat(s.serviceMs()).isEqualTo(7);
    assertThat(s.seed()).isEqualTo(9);
    assertThat(s.retryAfterSeconds()).isEqualTo(2);
    assertThat(s.errorRate()).isEqualTo(0.1);
    assertThat(s.timeoutHoldMs()).isEqualTo(SimulatorSpec.TIMEOUT_HOLD_MS_DEFAULT);
    assertThat(SimulatorSpec.DEFAULT.seed()).isZero();
  }

  @Test
  void resolvesSimulatorEndpointsOnly() {
    RunConfig config = ConfigLoader.parse("""
        run: {output: /tmp/x}
        datasets: [{name: d, benchmark: generic, path: /x}]
        models:
          - name: a
            endpoints: [{name: s, url: simulator}, {name: r, url: "http://gpu:8000/v1"}]
        """, "t");
    assertThat(SimulatorEndpoints.needed(config)).isTrue();
    RunConfig resolved = SimulatorEndpoints.resolve(config, "http://127.0.0.1:9/v1");
    assertThat(SimulatorEndpoints.needed(resolved)).isFalse();
    assertThat(resolved.models().get(0).endpoints().get(0).url()).isEqualTo("http://127.0.0.1:9/v1");
    assertThat(resolved.models().get(0).endpoints().get(0).isSimulator()).isTrue();
    assertThat(resolved.models().get(0).endpoints().get(1).isSimulator()).isFalse();
  }
}
