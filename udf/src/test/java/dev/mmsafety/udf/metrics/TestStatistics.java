package dev.mmsafety.udf.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known values computed independently (Python math.erfc and the closed forms). */
class TestStatistics {

  static Stream<Arguments> wilsonCases() {
    return Stream.of(
        Arguments.of(0, 10, 0.0, 0.27753280302605776),
        Arguments.of(5, 10, 0.23659308901147935, 0.7634069109885206),
        Arguments.of(81, 263, 0.2552885194890158, 0.36620957745801946),
        Arguments.of(10, 10, 0.7224671969739422, 1.0));
  }

  @ParameterizedTest
  @MethodSource("wilsonCases")
  void wilsonMatchesKnownValues(long k, long n, double low, double high) {
    Interval ci = Wilson.interval95(k, n);
    assertThat(ci.low()).isCloseTo(low, within(1e-12));
    assertThat(ci.high()).isCloseTo(high, within(1e-12));
  }

  @Test
  void wilsonOfNothingIsUndefined() {
    assertThat(Wilson.interval95(0, 0)).isNull();
    assertThat(Wilson.rate(0, 0)).isNull();
    assertThatThrownBy(() -> Wilson.interval95(3, 2)).hasMessage("Invalid proportion: k=3, n=2");
  }

  static Stream<Arguments> erfcCases() {
    return Stream.of(
        Arguments.of(0.0, 1.0),
        Arguments.of(0.5, 0.4795001221869535),
        Arguments.of(1.0, 0.15729920705028513),
        Arguments.of(1.9, 0.0072095707647425325),
        Arguments.of(2.1, 0.002979466656332984),
        Arguments.of(3.0, 2.2090496998585438e-05),
        Arguments.of(5.0, 1.5374597944280351e-12),
        Arguments.of(-1.0, 2 - 0.15729920705028513));
  }

  @ParameterizedTest
  @MethodSource("erfcCases")
  void erfcMatchesKnownValues(double x, double expected) {
    assertThat(Normal.erfc(x)).isCloseTo(expected, within(Math.abs(expected) * 1e-12 + 1e-15));
  }

  @Test
  void mcNemarExactForFewDiscordantPairs() {
    McNemar.Result r = McNemar.test(1, 9);
    assertThat(r.method()).isEqualTo(McNemar.EXACT);
    assertThat(r.pValue()).isCloseTo(2 * 11 / 1024.0, within(1e-15));
    assertThat(McNemar.test(5, 15).pValue()).isCloseTo(0.04138946533203125, within(1e-14));
    assertThat(McNemar.test(0, 0).pValue()).isEqualTo(1.0);
    assertThat(McNemar.test(4, 4).pValue()).isEqualTo(1.0);
  }

  @Test
  void mcNemarChiSquareWithContinuityCorrection() {
    McNemar.Result r = McNemar.test(10, 30);
    assertThat(r.method()).isEqualTo(McNemar.CHI_SQUARE);
    assertThat(r.statistic()).isCloseTo(9.025, within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.002663119259138554, within(1e-12));
  }

  @Test
  void twoProportionZTest() {
    TwoProportionTest.Result r = TwoProportionTest.test(30, 100, 20, 100);
    assertThat(r.delta()).isCloseTo(0.1, within(1e-12));
    assertThat(r.z()).isCloseTo(1.6329931618554518, within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.1024704348597495, within(1e-12));
    TwoProportionTest.Result same = TwoProportionTest.test(0, 5, 0, 7);
    assertThat(same.pValue()).isEqualTo(1.0);
    assertThat(same.z()).isEqualTo(0.0);
  }

  @Test
  void kappaAndScores() {
    Agreement a = new Agreement(20, 5, 10, 15);
    assertThat(a.agreement()).isCloseTo(0.7, within(1e-12));
    assertThat(a.kappa()).isCloseTo(0.4, within(1e-12));
    assertThat(a.precision()).isCloseTo(0.8, within(1e-12));
    assertThat(a.recall()).isCloseTo(20 / 30.0, within(1e-12));
    assertThat(a.f1()).isCloseTo(2 * 0.8 * (2 / 3.0) / (0.8 + 2 / 3.0), within(1e-12));
    Agreement constant = new Agreement(0, 0, 0, 7);
    assertThat(constant.agreement()).isEqualTo(1.0);
    assertThat(constant.kappa()).isNull();
    assertThat(constant.precision()).isNull();
    assertThat(Agreement.EMPTY.plus(true, true).plus(false, true).plus(true, false).plus(false, false))
        .isEqualTo(new Agreement(1, 1, 1, 1));
  }
}
