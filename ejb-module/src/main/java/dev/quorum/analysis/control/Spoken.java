package dev.quorum.analysis.control;

import java.time.LocalDate;
import java.util.List;

/**
 * A segment as an engine sees it: who said it, what, on which day (for "by Friday"), and the names of the
 * meeting's participants (to find an action item's owner).
 */
public record Spoken(String speaker, String text, LocalDate on, List<String> participants) {}
