package dev.mmsafety.udf.attack.adaptive;

/**
 * What a RATE call scores: the case's goal, the proposal the target saw, and the target's answer (with its request
 * id), so a scorer judge can read it like any response.
 */
public record SearchSubject(String goal, String prompt, String responseId, String response) {}
