package dev.mmsafety.udf.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known values computed independently of this code: published worked examples where there are any, else Python 3
 * (math.erfc; exact arithmetic with fractions.Fraction, math.comb and decimal at 50 digits). Each case says which.
 */
class TestStatistics {

  // Expected: Wilson's formula with z = 1.959964 evaluated in Python's decimal at 50 digits.
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

  // Newcombe (1998), Statistics in Medicine 17:857-872: his worked examples, method 3 (Wilson score), 4 decimals.
  static Stream<Arguments> newcombeCases() {
    return Stream.of(
        Arguments.of(81, 263, 0.2553, 0.3662),
        Arguments.of(15, 148, 0.0624, 0.1605),
        Arguments.of(0, 20, 0.0000, 0.1611),
        Arguments.of(1, 29, 0.0061, 0.1718));
  }

  @ParameterizedTest
  @MethodSource("newcombeCases")
  void wilsonMatchesNewcombesPublishedIntervals(long k, long n, double low, double high) {
    Interval ci = Wilson.interval95(k, n);
    assertThat(ci.low()).isCloseTo(low, within(0.00005));
    assertThat(ci.high()).isCloseTo(high, within(0.00005));
  }

  @Test
  void wilsonOfNothingIsUndefined() {
    assertThat(Wilson.interval95(0, 0)).isNull();
    assertThat(Wilson.rate(0, 0)).isNull();
    assertThatThrownBy(() -> Wilson.interval95(3, 2)).hasMessage("Invalid proportion: k=3, n=2");
  }

  // Expected: Python 3 math.erfc (C libm), P(|Z| >= |z|) = erfc(|z| / sqrt(2)).
  static Stream<Arguments> twoSidedCases() {
    return Stream.of(
        Arguments.of(0.0, 1.0),
        Arguments.of(0.5, 0.6170750774519738),
        Arguments.of(1.0, 0.31731050786291415),
        Arguments.of(1.959964, 0.04999999819288482),
        Arguments.of(2.5, 0.012419330651552278),
        Arguments.of(-2.5, 0.012419330651552278),
        Arguments.of(3.0, 0.0026997960632601913),
        Arguments.of(5.0, 5.733031437583892e-07),
        Arguments.of(8.0, 1.2441921148543639e-15));
  }

  @ParameterizedTest
  @MethodSource("twoSidedCases")
  void twoSidedNormalPMatchesKnownValues(double z, double expected) {
    assertThat(Normal.twoSidedP(z)).isCloseTo(expected, within(expected * 1e-12));
  }

  // Expected: Python 3 math.erfc, P(X >= x) = erfc(sqrt(x / 2)) for X ~ chi-square(1); 3.8414588... is the
  // 95% critical value. The last two are far tails, where 1 - cdf would have lost every digit.
  static Stream<Arguments> chiSquareCases() {
    return Stream.of(
        Arguments.of(0.5, 0.4795001221869535),
        Arguments.of(1.0, 0.31731050786291404),
        Arguments.of(3.841458820694124, 0.05000000000000008),
        Arguments.of(9.025, 0.002663119259138554),
        Arguments.of(16.81779661016949, 4.1145622813459415e-05),
        Arguments.of(40.0, 2.53962858947086e-10),
        Arguments.of(98.01, 4.1627504389864034e-23));
  }

  @ParameterizedTest
  @MethodSource("chiSquareCases")
  void chiSquareUpperTailMatchesKnownValues(double x, double expected) {
    assertThat(Normal.chiSquare1Upper(x)).isCloseTo(expected, within(expected * 1e-12));
    if (x < 20) {
      // Away from the far tail it is the complement of commons-math's own chi-square cdf.
      double cdf = new org.apache.commons.math3.distribution.ChiSquaredDistribution(null, 1).cumulativeProbability(x);
      assertThat(Normal.chiSquare1Upper(x)).isCloseTo(1 - cdf, within(1e-14));
    }
  }

  @Test
  void tailsOfNothing() {
    assertThat(Normal.chiSquare1Upper(0)).isEqualTo(1.0);
    assertThat(Normal.chiSquare1Upper(-3)).isEqualTo(1.0);
    assertThat(Normal.twoSidedP(Double.NaN)).isNaN();
  }

  // Expected: 2 * sum_{i <= min(b, c)} C(b + c, i) / 2^(b + c), exactly in Python fractions.
  @Test
  void mcNemarExactForFewDiscordantPairs() {
    McNemar.Result r = McNemar.test(1, 9);
    assertThat(r.method()).isEqualTo(McNemar.EXACT);
    assertThat(r.pValue()).isCloseTo(2 * 11 / 1024.0, within(1e-15));
    assertThat(McNemar.test(5, 15).pValue()).isCloseTo(5425 / 131072.0, within(1e-15));
    assertThat(McNemar.test(3, 12).pValue()).isCloseTo(9 / 256.0, within(1e-15));
    assertThat(McNemar.test(0, 24).pValue()).isCloseTo(1 / 8388608.0, within(1e-20));
    assertThat(McNemar.test(0, 0).pValue()).isEqualTo(1.0);
    assertThat(McNemar.test(4, 4).pValue()).isEqualTo(1.0);
  }

  // Expected: statistic by hand, (|10 - 30| - 1)^2 / 40; p = Python math.erfc(sqrt(9.025 / 2)).
  @Test
  void mcNemarChiSquareWithContinuityCorrection() {
    McNemar.Result r = McNemar.test(10, 30);
    assertThat(r.method()).isEqualTo(McNemar.CHI_SQUARE);
    assertThat(r.statistic()).isCloseTo(9.025, within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.002663119259138554, within(1e-12));
    // Agresti's prime-minister approval panel (discordant b = 150, c = 86): (|150 - 86| - 1)^2 / 236 = 3969 / 236;
    // p = Python math.erfc(sqrt(3969 / 236 / 2)).
    McNemar.Result approval = McNemar.test(150, 86);
    assertThat(approval.statistic()).isCloseTo(3969 / 236.0, within(1e-12));
    assertThat(approval.pValue()).isCloseTo(4.1145622813459415e-05, within(4.1145622813459415e-05 * 1e-11));
  }

  // b = c past the exact range: no continuity correction without a difference, statistic 0 and p = 1 (as R's
  // mcnemar.test); the unclamped (|b - c| - 1)^2 / (b + c) would give 1/30 and p = erfc(sqrt(1/60)) = 0.855.
  @Test
  void mcNemarWithEqualDiscordantCountsHasStatisticZero() {
    McNemar.Result r = McNemar.test(15, 15);
    assertThat(r.method()).isEqualTo(McNemar.CHI_SQUARE);
    assertThat(r.statistic()).isZero();
    assertThat(r.pValue()).isEqualTo(1.0);
    // One apart: the correction makes it 0 too, (|16 - 15| - 1)^2 / 31.
    assertThat(McNemar.test(16, 15).statistic()).isZero();
    assertThat(McNemar.test(17, 15).statistic()).isCloseTo(1 / 32.0, within(1e-15));
  }

  // Expected: z by hand, 0.1 / sqrt(0.25 * 0.75 * (1/100 + 1/100)); p = Python math.erfc(z / sqrt(2)).
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

  // Expected: the worked example of the Wikipedia article "Cohen's kappa" (20, 5, 10, 15: po = 0.7, pe = 0.5,
  // kappa = 0.4); precision, recall and F1 from their definitions by hand.
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
