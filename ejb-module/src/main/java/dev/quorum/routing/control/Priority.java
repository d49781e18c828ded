package dev.quorum.routing.control;

import java.util.Locale;
import java.util.Optional;

/** Delivery priority, highest first. Under pressure, low goes first, then normal; high and critical never silently. */
public enum Priority {
    CRITICAL,
    HIGH,
    NORMAL,
    LOW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> fromWire(String name) {
        for (Priority priority : values()) {
            if (priority.wireName().equals(name)) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }

    /** Whether a slow consumer may lose it (it stays replayable). */
    public boolean droppable() {
        return this == NORMAL || this == LOW;
    }
}
