package dev.quorum.compliance.control;

/** A detected span of a text: [start, end) in UTF-16 units of the Java string, and what it is. */
public record Match(Category category, int start, int end, String kind) {}
