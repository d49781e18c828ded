package dev.quorum.compliance.control;

import java.util.Locale;

public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
