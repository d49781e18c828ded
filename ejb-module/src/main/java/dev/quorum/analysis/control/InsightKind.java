package dev.quorum.analysis.control;

import java.util.Locale;

/** What a sentence of a meeting is, for its minutes: something to do, decided, feared or asked. */
public enum InsightKind {
    ACTION_ITEM,
    DECISION,
    RISK,
    QUESTION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind a label names, or null for {@code none} (a sentence that is none of them). */
    public static InsightKind fromWire(String label) {
        for (InsightKind kind : values()) {
            if (kind.wireName().equals(label)) {
                return kind;
            }
        }
        return null;
    }
}
