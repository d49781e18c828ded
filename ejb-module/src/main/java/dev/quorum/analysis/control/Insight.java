package dev.quorum.analysis.control;

import java.time.LocalDate;

/**
 * One insight of a segment: the sentence it was found in, and for an action item who owns it and when it
 * is due, when the speaker said so (null otherwise).
 */
public record Insight(InsightKind kind, String text, String owner, LocalDate dueOn) {}
