package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One calibrated head of the offline judge: an uncalibrated score (log-odds of the training fit) over a feature
 * vector, and Platt's two parameters fitted on rows the head was not trained on: {@code p = sigmoid(plattA * logit +
 * plattB)}.
 */
public sealed interface Head permits LogisticHead, BoostedTreesHead {
  /** The uncalibrated score. */
  double logit(double[] x);

  double plattA();

  double plattB();

  /** The calibrated probability. */
  default double probability(double[] x) {
    return LogisticHead.sigmoid(plattA() * logit(x) + plattB());
  }

  /** Each feature's share of the logit for {@code x}, to name the main evidence of a verdict. */
  double[] contributions(double[] x);

  /** How many features the head reads. */
  int dimension();

  /** This head with the given Platt parameters. */
  Head withPlatt(double a, double b);

  /** The head as it is stored in the model file, with its {@code learner} named. */
  ObjectNode toJson();

  static Head fromJson(JsonNode node) {
    Learner learner = Learner.named(node.path("learner").asText(Learner.LOGISTIC.key()));
    return learner == Learner.TREES ? BoostedTreesHead.fromJson(node) : LogisticHead.fromJson(node);
  }
}
