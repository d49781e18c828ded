package dev.quorum.compliance.control;

import java.util.Locale;

/** What a rule does with a match: nothing, record it, mask it, or refuse the text. */
public enum RuleAction {
    ALLOW,
    FLAG,
    REDACT,
    BLOCK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RuleAction fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
