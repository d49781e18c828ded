package dev.quorum.document.entity;

import java.util.Locale;

/** A document's way: drafted, then reviewed, then final (read-only). */
public enum DocumentStatus {
    DRAFT,
    IN_REVIEW,
    FINAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DocumentStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
