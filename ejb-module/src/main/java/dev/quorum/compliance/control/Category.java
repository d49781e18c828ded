package dev.quorum.compliance.control;

import java.util.Locale;

/** What a rule detects; the wire name is the stable category id. */
public enum Category {
    EMAIL,
    PHONE,
    PAYMENT_CARD,
    IBAN,
    NATIONAL_ID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
