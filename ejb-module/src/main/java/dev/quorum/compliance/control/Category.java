package dev.quorum.compliance.control;

import java.util.Locale;

/** What a rule detects; the wire name is the stable category id. */
public enum Category {
    EMAIL("an e-mail address"),
    PHONE("a phone number"),
    PAYMENT_CARD("a payment card number"),
    IBAN("a bank account number (IBAN)"),
    NATIONAL_ID("a national identification number"),
    HEALTH("health information about a person"),
    SPECIAL_CATEGORY("special-category personal data about a person (religion, ethnicity, politics, sexuality, "
            + "trade-union membership or biometrics)"),
    MNPI("financial figures that may be inside information"),
    INFORMATION_BARRIER("a post across an information barrier between divisions");

    private final String description;

    Category(String description) {
        this.description = description;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a match is, in words, for a refusal: "it contains ...". */
    public String description() {
        return description;
    }

    /** Whether a match can be masked: a barrier concerns who posts where, not a part of the text. */
    public boolean maskable() {
        return this != INFORMATION_BARRIER;
    }

    public static Category fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
