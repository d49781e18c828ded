package dev.quorum.compliance.control;

import java.util.List;

/** An organization's rule for one category; version 0 is Quorum's default, not yet changed by the organization. */
public record Rule(
        Category category,
        boolean enabled,
        Severity severity,
        RuleAction action,
        RuleParameters parameters,
        int version) {

    /**
     * Quorum's rules for an organization that changed none: payment and identity data masked, the rest flagged;
     * an information barrier, once an organization sets one, refuses the post.
     */
    public static final List<Rule> DEFAULTS = List.of(
            new Rule(Category.EMAIL, true, Severity.LOW, RuleAction.FLAG, null, 0),
            new Rule(Category.PHONE, true, Severity.LOW, RuleAction.FLAG, RuleParameters.region("US"), 0),
            new Rule(Category.PAYMENT_CARD, true, Severity.HIGH, RuleAction.REDACT, null, 0),
            new Rule(Category.IBAN, true, Severity.MEDIUM, RuleAction.FLAG, null, 0),
            new Rule(Category.NATIONAL_ID, true, Severity.HIGH, RuleAction.REDACT, null, 0),
            new Rule(Category.HEALTH, true, Severity.HIGH, RuleAction.FLAG, null, 0),
            new Rule(Category.SPECIAL_CATEGORY, true, Severity.HIGH, RuleAction.FLAG, null, 0),
            new Rule(Category.MNPI, true, Severity.HIGH, RuleAction.FLAG, null, 0),
            new Rule(Category.INFORMATION_BARRIER, true, Severity.HIGH, RuleAction.BLOCK, null, 0));

    public Rule {
        parameters = parameters == null ? RuleParameters.NONE : parameters;
    }

    public String region() {
        return parameters.region();
    }
}
