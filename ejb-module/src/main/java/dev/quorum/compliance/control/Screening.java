package dev.quorum.compliance.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A text checked against an organization's rules: what each enabled rule found, the text with the
 * redacting rules' matches masked, and the blocking rule if one matched (the most severe).
 */
public record Screening(List<Finding> findings, String maskedText, Finding blockedBy) {

    /** One match of one rule; start and end in code points of the text checked. */
    public record Finding(Rule rule, int start, int end, String excerpt) {}

    private static final int CONTEXT = 24;

    /** Checks the text against the rules (allow rules too, for a dry run; they change nothing). */
    public static Screening of(String text, List<Rule> rules) {
        return of(text, rules, null);
    }

    /**
     * Checks sanitized HTML (a chat message) as its reader sees it, entities decoded and tags dropped;
     * offsets are in that text, and the masked text is the HTML with the matches masked.
     */
    public static Screening ofHtml(String html, List<Rule> rules) {
        return of(null, rules, HtmlText.of(html));
    }

    private static Screening of(String plainText, List<Rule> rules, HtmlText html) {
        String text = html == null ? plainText : html.plain;
        List<Finding> findings = new ArrayList<>();
        List<Match> masked = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.enabled()) {
                continue;
            }
            for (Match match : Detectors.find(rule.category(), text, rule.region())) {
                findings.add(new Finding(
                        rule,
                        text.codePointCount(0, match.start()),
                        text.codePointCount(0, match.end()),
                        excerpt(text, match)));
                if (rule.action() == RuleAction.REDACT || rule.action() == RuleAction.BLOCK) {
                    masked.add(match);
                }
            }
        }
        Finding blockedBy = findings.stream()
                .filter(f -> f.rule().action() == RuleAction.BLOCK)
                .max(Comparator.comparing(f -> f.rule().severity()))
                .orElse(null);
        return new Screening(findings, html == null ? mask(text, masked) : html.mask(masked), blockedBy);
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

    /** The match with some text around it, the match itself masked: what a finding may keep. */
    private static String excerpt(String text, Match match) {
        String masked = mask(text, List.of(match));
        int from = Math.max(0, match.start() - CONTEXT);
        int to = Math.min(masked.length(), match.end() + CONTEXT);
        // never split a surrogate pair at either edge
        if (from > 0 && Character.isLowSurrogate(masked.charAt(from))) {
            from--;
        }
        if (to < masked.length() && Character.isLowSurrogate(masked.charAt(to))) {
            to++;
        }
        return (from > 0 ? "…" : "") + masked.substring(from, to) + (to < text.length() ? "…" : "");
    }
}
