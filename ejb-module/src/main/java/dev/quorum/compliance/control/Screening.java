package dev.quorum.compliance.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A text checked against an organization's rules: what each enabled rule found, the text with the
 * redacting rules' matches masked, and the blocking rule if one matched (the most severe).
 */
public record Screening(List<Finding> findings, String maskedText, Finding blockedBy) {

    /**
     * One match of one rule; start and end in code points of the text checked; {@code matched} is the matched
     * text itself (for a fingerprint: never to be stored or sent).
     */
    public record Finding(Rule rule, int start, int end, String excerpt, String matched) {}

    private static final int CONTEXT = 24;

    /** Checks the text on its own against the rules (allow rules too, for a dry run; they change nothing). */
    public static Screening of(String text, List<Rule> rules) {
        return of(text, rules, ScreeningContext.NONE);
    }

    /** Checks the text where it is posted, by whom and when. */
    public static Screening of(String text, List<Rule> rules, ScreeningContext context) {
        return of(text, rules, null, context);
    }

    /**
     * Checks sanitized HTML (a chat message) as its reader sees it, entities decoded and tags dropped;
     * offsets are in that text, and the masked text is the HTML with the matches masked.
     */
    public static Screening ofHtml(String html, List<Rule> rules, ScreeningContext context) {
        return of(null, rules, HtmlText.of(html), context);
    }

    private static Screening of(String plainText, List<Rule> rules, HtmlText html, ScreeningContext context) {
        String text = html == null ? plainText : html.plain;
        List<Rule> ruleOf = new ArrayList<>();
        List<Match> found = new ArrayList<>();
        List<Match> masked = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.enabled()) {
                continue;
            }
            for (Match match : matches(rule, text, context)) {
                ruleOf.add(rule);
                found.add(match);
                if (rule.category().maskable()
                        && (rule.action() == RuleAction.REDACT || rule.action() == RuleAction.BLOCK)) {
                    masked.add(match);
                }
            }
        }
        // an excerpt hides every match, not only its own: one finding must not reveal another's data
        List<Match> hidden = found.stream().filter(m -> m.category().maskable()).toList();
        String allMasked = hidden.isEmpty() ? text : mask(text, hidden);
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Match match = found.get(i);
            findings.add(new Finding(
                    ruleOf.get(i),
                    text.codePointCount(0, match.start()),
                    text.codePointCount(0, match.end()),
                    match.category().maskable() ? excerpt(allMasked, match) : match.kind(),
                    match.category().maskable() ? text.substring(match.start(), match.end()) : match.kind()));
        }
        Finding blockedBy = findings.stream()
                .filter(f -> f.rule().action() == RuleAction.BLOCK)
                .max(Comparator.comparing(f -> f.rule().severity()))
                .orElse(null);
        return new Screening(findings, html == null ? mask(text, masked) : html.mask(masked), blockedBy);
    }

    /** What one rule finds in the text, asking the context only for what the rule needs. */
    static List<Match> matches(Rule rule, String text, ScreeningContext context) {
        return switch (rule.category()) {
            case HEALTH -> PersonalTopics.health(text, context.people());
            case SPECIAL_CATEGORY -> PersonalTopics.specialCategory(text, context.people());
            case MNPI -> insideInformation(rule, text, context);
            case INFORMATION_BARRIER -> barrierCrossed(rule, text, context);
            default -> Detectors.find(rule.category(), text, rule.region());
        };
    }

    /** Figures are inside information in a room with external guests, or anywhere during a blackout. */
    private static List<Match> insideInformation(Rule rule, String text, ScreeningContext context) {
        // where and when before the figures: among insiders outside a blackout they are nobody's concern; and
        // the room's guests are looked up only for a text that may hold a figure
        String why;
        if (!FinancialFigures.mayHold(text)) {
            return List.of();
        } else if (rule.parameters().inBlackout(context.today())) {
            why = "figure shared before an earnings release";
        } else if (context.roomHasExternalGuests()) {
            why = "figure shared with external guests";
        } else {
            return List.of();
        }
        return FinancialFigures.find(text).stream()
                .map(f -> new Match(f.category(), f.start(), f.end(), why))
                .toList();
    }

    /** The whole text, when its author belongs to a division kept apart from the division whose room it is in. */
    private static List<Match> barrierCrossed(Rule rule, String text, ScreeningContext context) {
        if (rule.parameters().barriers().isEmpty() || context.roomDivision() == null) {
            return List.of();
        }
        RuleParameters.Barrier crossed = rule.parameters().crossedBy(context.authorDivisions(), context.roomDivision());
        if (crossed == null) {
            return List.of();
        }
        String other = crossed.first().equals(context.roomDivision()) ? crossed.second() : crossed.first();
        return List.of(new Match(
                Category.INFORMATION_BARRIER,
                0,
                text.length(),
                "posted in " + context.roomDivision() + "'s room by a member of " + other));
    }

    /** Findings that are to be recorded: every one of a rule that does more than allow. */
    public List<Finding> recorded() {
        return findings.stream()
                .filter(f -> f.rule().action() != RuleAction.ALLOW)
                .toList();
    }

    /** Each masked character becomes •, one per code point, so lengths (and document offsets) stay. */
    static String mask(String text, List<Match> matches) {
        if (matches.isEmpty()) {
            return text;
        }
        boolean[] hidden = new boolean[text.length()];
        for (Match match : matches) {
            for (int i = match.start(); i < match.end(); i++) {
                hidden[i] = true;
            }
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (hidden[i] && !Character.isWhitespace(codePoint)) {
                out.append('•');
            } else {
                out.appendCodePoint(codePoint);
            }
            i += width;
        }
        return out.toString();
    }

    /** The match with some text around it, taken from the text with every match masked: what a finding keeps. */
    private static String excerpt(String masked, Match match) {
        int from = Math.max(0, match.start() - CONTEXT);
        int to = Math.min(masked.length(), match.end() + CONTEXT);
        // never split a surrogate pair at either edge
        if (from > 0 && Character.isLowSurrogate(masked.charAt(from))) {
            from--;
        }
        if (to < masked.length() && Character.isLowSurrogate(masked.charAt(to))) {
            to++;
        }
        return (from > 0 ? "…" : "") + masked.substring(from, to) + (to < masked.length() ? "…" : "");
    }
}
