package dev.winnow.quality.lid;

/** A language (ISO 639-1) and its probability among the candidates. */
public record LanguageScore(String language, double probability) {}
