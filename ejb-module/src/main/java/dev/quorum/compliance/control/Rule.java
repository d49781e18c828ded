package dev.quorum.compliance.control;

import java.util.List;

/**
 * An organization's rule for one category; version 0 is Quorum's default, not yet changed by the
 * organization. {@code region} is where phone numbers without a country code are dialled.
 */
public record Rule(
        Category category, boolean enabled, Severity severity, RuleAction action, String region, int version) {

    /** Quorum's rules for an organization that changed none: payment and identity data masked, the rest flagged. */
    public static final List<Rule> DEFAULTS = List.of(
            new Rule(Category.EMAIL, true, Severity.LOW, RuleAction.FLAG, null, 0),
            new Rule(Category.PHONE, true, Severity.LOW, RuleAction.FLAG, "US", 0),
            new Rule(Category.PAYMENT_CARD, true, Severity.HIGH, RuleAction.REDACT, null, 0),
            new Rule(Category.IBAN, true, Severity.MEDIUM, RuleAction.FLAG, null, 0),
            new Rule(Category.NATIONAL_ID, true, Severity.HIGH, RuleAction.REDACT, null, 0));
}
