package dev.quorum.compliance.control;

import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The bodies of the compliance API, decoded and validated at the edge. */
public final class ComplianceCommand {

    /** The most text one dry run scans. */
    public static final int MAX_SCAN = 100_000;

    private static final int MAX_RELEASE_DATES = 40;
    private static final int MAX_BLACKOUT_DAYS = 90;
    private static final int MAX_BARRIERS = 50;

    private ComplianceCommand() {}

    /** {@code POST /api/compliance/scan {"text": ...}}. */
    public static String scanText(Fields fields) {
        return fields.text("text", MAX_SCAN);
    }

    /**
     * {@code PUT /api/compliance/rules/{category}}: any of enabled, severity, action, and the category's own
     * parameters — {@code region} (phone), {@code releaseDates} and {@code blackoutDays} (mnpi), {@code barriers}
     * (information_barrier: {@code [{"divisions": ["Research", "Banking"]}]}).
     */
    public static ComplianceRules.Change ruleChange(Category category, Fields fields) {
        String severity = fields.optionalText("severity", 10);
        if (severity != null && !severity.matches("low|medium|high|critical")) {
            throw invalid("'severity' is low, medium, high or critical.");
        }
        String action = fields.optionalText("action", 10);
        if (action != null && !action.matches("allow|flag|redact|block")) {
            throw invalid("'action' is allow, flag, redact or block.");
        }
        if ("redact".equals(action) && !category.maskable()) {
            throw invalid("An information barrier concerns who posts where; nothing in the text can be masked: "
                    + "'action' is allow, flag or block.");
        }
        String region = fields.optionalText("region", 2);
        if (region != null && !region.matches("[A-Z]{2}")) {
            throw invalid("'region' is a two-letter country code in capitals, such as GB.");
        }
        onlyFor(category, Category.PHONE, fields, "region");
        List<LocalDate> releaseDates = releaseDates(fields);
        Long blackoutDays = fields.optionalCount("blackoutDays");
        if (blackoutDays != null && (blackoutDays < 1 || blackoutDays > MAX_BLACKOUT_DAYS)) {
            throw invalid("'blackoutDays' is 1 to " + MAX_BLACKOUT_DAYS + ".");
        }
        onlyFor(category, Category.MNPI, fields, "releaseDates");
        onlyFor(category, Category.MNPI, fields, "blackoutDays");
        List<RuleParameters.Barrier> barriers = barriers(fields);
        onlyFor(category, Category.INFORMATION_BARRIER, fields, "barriers");
        ComplianceRules.Change change = new ComplianceRules.Change(
                fields.optionalFlag("enabled"),
                severity,
                action,
                region,
                releaseDates,
                blackoutDays == null ? null : blackoutDays.intValue(),
                barriers);
        if (change.enabled() == null
                && severity == null
                && action == null
                && region == null
                && releaseDates == null
                && blackoutDays == null
                && barriers == null) {
            throw invalid("Give at least one of 'enabled', 'severity', 'action' or the rule's parameters.");
        }
        return change;
    }

    private static List<LocalDate> releaseDates(Fields fields) {
        List<String> dates = fields.optionalStrings("releaseDates", 10);
        if (dates == null) {
            return null;
        }
        if (dates.size() > MAX_RELEASE_DATES) {
            throw invalid("'releaseDates' holds at most " + MAX_RELEASE_DATES + " dates.");
        }
        try {
            return dates.stream().map(LocalDate::parse).sorted().distinct().toList();
        } catch (DateTimeParseException e) {
            throw invalid("'releaseDates' are dates such as 2027-02-14.");
        }
    }

    private static List<RuleParameters.Barrier> barriers(Fields fields) {
        List<Fields> barriers = fields.optionalObjects("barriers", MAX_BARRIERS);
        if (barriers == null) {
            return null;
        }
        return barriers.stream()
                .map(barrier -> {
                    List<String> divisions = barrier.optionalStrings("divisions", 200);
                    if (divisions == null
                            || divisions.size() != 2
                            || divisions.get(0).equals(divisions.get(1))) {
                        throw invalid("Each barrier is {\"divisions\": [two different division names]}.");
                    }
                    return new RuleParameters.Barrier(divisions.get(0), divisions.get(1));
                })
                .toList();
    }

    private static void onlyFor(Category category, Category owner, Fields fields, String parameter) {
        if (fields.has(parameter) && category != owner) {
            throw invalid("'" + parameter + "' belongs to the rule '" + owner.wireName() + "' only.");
        }
    }

    private static QuorumException invalid(String message) {
        return new QuorumException(QuorumError.INVALID_MESSAGE, message);
    }

    /** {@code POST /api/compliance/deadlines {"title", "kind", "dueOn"}}. */
    public record NewDeadline(String title, String kind, LocalDate dueOn) {}

    public static NewDeadline deadline(Fields fields) {
        String title = fields.text("title", 200);
        String kind = fields.optionalText("kind", 20);
        if (kind == null) {
            kind = "other";
        } else if (!kind.matches("filing|policy_review|other")) {
            throw invalid("'kind' is filing, policy_review or other.");
        }
        String due = fields.text("dueOn", 10);
        LocalDate dueOn;
        try {
            dueOn = LocalDate.parse(due);
        } catch (DateTimeParseException e) {
            throw invalid("'dueOn' is a date such as 2027-03-31.");
        }
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        if (dueOn.isBefore(today.minusYears(1)) || dueOn.isAfter(today.plusYears(10))) {
            throw invalid("'dueOn' lies within a year past and ten years ahead.");
        }
        return new NewDeadline(title, kind, dueOn);
    }

    /** A category named in a path. */
    public static Category category(String name) {
        for (Category category : Category.values()) {
            if (category.wireName().equals(name)) {
                return category;
            }
        }
        throw new QuorumException(
                QuorumError.INVALID_REQUEST,
                "Unknown category: email, phone, payment_card, iban, national_id, health, special_category, mnpi or "
                        + "information_barrier.");
    }
}
