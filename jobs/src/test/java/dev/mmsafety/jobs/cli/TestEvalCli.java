package dev.mmsafety.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TestEvalCli {
  private String out;
  private String err;

  private int run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        EvalCli.runMain(
            new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
            args);
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(new String[] {"frobnicate"}, "Unmatched argument at index 0: 'frobnicate'"),
        Arguments.of(new String[] {"run"}, "Missing required option: '--config=FILE'"),
        Arguments.of(new String[] {"run", "--config", "/nonexistent/x.yaml"},
            "mmsafety: Cannot read config /nonexistent/x.yaml: no such file"),
        Arguments.of(new String[] {"quickstart", "--bogus"}, "Unknown option: '--bogus'"),
        Arguments.of(new String[] {"bench", "judges", "--misses", "/tmp/m.jsonl"}, "--misses needs --cv"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void usageErrorsExitTwoWithAMessage(String[] args, String message) {
    assertThat(run(args)).isEqualTo(EvalCli.EXIT_USAGE);
    assertThat(err).contains(message);
  }

  @Test
  void everySubcommandHasHelpWithAnExample() {
    for (String sub : new picocli.CommandLine(new EvalCli()).getSubcommands().keySet()) {
      if (sub.equals("help")) {
        continue;
      }
      assertThat(run(sub, "--help")).as(sub).isZero();
      assertThat(out).as(sub).contains("Example");
    }
  }
}
