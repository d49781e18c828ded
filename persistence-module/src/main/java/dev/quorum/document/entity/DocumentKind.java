package dev.quorum.document.entity;

import java.util.Locale;

/** What a document is: a board paper, the minutes of a meeting, a resolution or a policy. */
public enum DocumentKind {
    BOARD_PAPER,
    MINUTES,
    RESOLUTION,
    POLICY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DocumentKind fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
