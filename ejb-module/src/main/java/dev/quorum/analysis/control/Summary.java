package dev.quorum.analysis.control;

/** A few sentences that say what segments were about, and which engine wrote them. */
public record Summary(String text, String engine) {}
