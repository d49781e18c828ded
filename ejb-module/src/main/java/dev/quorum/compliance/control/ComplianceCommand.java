package dev.quorum.compliance.control;

import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;

/** The bodies of the compliance API, decoded and validated at the edge. */
public final class ComplianceCommand {

    /** The most text one dry run scans. */
    public static final int MAX_SCAN = 100_000;

    private ComplianceCommand() {}

    /** {@code POST /api/compliance/scan {"text": ...}}. */
    public static String scanText(Fields fields) {
        return fields.text("text", MAX_SCAN);
    }

    /** {@code PUT /api/compliance/rules/{category}}: any of enabled, severity, action, region. */
    public static ComplianceRules.Change ruleChange(Fields fields) {
        String severity = fields.optionalText("severity", 10);
        if (severity != null && !severity.matches("low|medium|high|critical")) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'severity' is low, medium, high or critical.");
        }
        String action = fields.optionalText("action", 10);
        if (action != null && !action.matches("allow|flag|redact|block")) {
            throw new QuorumException(QuorumError.INVALID_MESSAGE, "'action' is allow, flag, redact or block.");
        }
        String region = fields.optionalText("region", 2);
        if (region != null && !region.matches("[A-Z]{2}")) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "'region' is a two-letter country code in capitals, such as GB.");
        }
        ComplianceRules.Change change =
                new ComplianceRules.Change(fields.optionalFlag("enabled"), severity, action, region);
        if (change.enabled() == null && severity == null && action == null && region == null) {
            throw new QuorumException(
                    QuorumError.INVALID_MESSAGE, "Give at least one of 'enabled', 'severity', 'action', 'region'.");
        }
        return change;
    }

    /** A category named in a path. */
    public static Category category(String name) {
        for (Category category : Category.values()) {
            if (category.wireName().equals(name)) {
                return category;
            }
        }
        throw new QuorumException(
                QuorumError.INVALID_REQUEST, "Unknown category: email, phone, payment_card, iban or national_id.");
    }
}
