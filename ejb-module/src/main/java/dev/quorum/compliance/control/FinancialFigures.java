package dev.quorum.compliance.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds financial figures and results that may be material non-public information: an amount of money, a
 * percentage or a per-share figure in a sentence about revenue, earnings, margins, guidance, dividends, deals
 * and the like. An amount alone ("lunch is $15") or a financial word alone ("revenue recognition") is not
 * one. Whether a figure is inside information depends on where and when it is posted; the rule decides that.
 */
final class FinancialFigures {

    private static final String NUMBER = "\\d{1,3}(?:,\\d{3})*(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";

    private static final String MAGNITUDE = "(?:k|m|mn|bn|b|million|billion|thousand|trillion)";

    private static final Pattern FIGURE = Pattern.compile("(?:[$€£¥]|\\b(?:USD|EUR|GBP|CHF|JPY|US\\$) ?)(?:" + NUMBER
            + ")(?: ?" + MAGNITUDE + "\\b)?"
            + "|\\b(?:" + NUMBER + ") ?(?:mn|bn|million|billion|trillion)\\b(?: (?:dollars|euros|pounds|USD|EUR|GBP))?"
            + "|\\b(?:" + NUMBER + ") ?m\\b"
            + "|\\b(?:" + NUMBER + ") (?:dollars|euros|pounds|cents|pence)\\b"
            + "|\\b(?:" + NUMBER + ") ?(?:%|per ?cent\\b|percent\\b|basis points\\b|bps\\b)");

    private static final Pattern FINANCIAL_TERM = Pattern.compile("(?i)\\b(?:revenues?|sales|turnover|earnings|EPS"
            + "|EBITDA|EBIT|profits?|loss(?:es)?|margins?|guidance|forecast|outlook|net income|operating income"
            + "|results|bookings|ARR|cash flow|dividends?|valuation|offer price|per share|acquisition|merger|takeover"
            + "|write-?downs?|impairment|consensus|full-year|half-year|first half|second half)\\b"
            + "|\\b(?:Q[1-4]|FY ?\\d{2,4})\\b");

    /** For each financial term, the start of a word it cannot be without (see {@link WordKeys}). */
    private static final WordKeys FINANCIAL_KEYS = WordKeys.of(
            "revenue",
            "sales",
            "turnover",
            "earnings",
            "eps",
            "ebit",
            "profit",
            "loss",
            "margin",
            "guidance",
            "forecast",
            "outlook",
            "income",
            "results",
            "bookings",
            "arr",
            "cash",
            "dividend",
            "valuation",
            "offer",
            "share",
            "acquisition",
            "merger",
            "takeover",
            "write",
            "impairment",
            "consensus",
            "full",
            "half",
            "q1",
            "q2",
            "q3",
            "q4",
            "fy");

    private FinancialFigures() {}

    /** No figure without a digit, no result without a financial word: most messages stop here. */
    static boolean mayHold(String text) {
        return text.chars().anyMatch(c -> c >= '0' && c <= '9') && FINANCIAL_KEYS.anyIn(text);
    }

    static List<Match> find(String text) {
        List<Match> found = new ArrayList<>();
        if (!mayHold(text)) {
            return found;
        }
        Matcher figure = FIGURE.matcher(text);
        Sentences sentences = null;
        int sentenceStart = -1;
        int sentenceEnd = -1;
        boolean financial = false;
        while (figure.find()) {
            if (figure.start() >= sentenceEnd) {
                sentences = sentences == null ? new Sentences(text) : sentences;
                int[] sentence = sentences.around(figure.start());
                sentenceStart = sentence[0];
                sentenceEnd = sentence[1];
                financial = FINANCIAL_TERM
                        .matcher(text)
                        .region(sentenceStart, sentenceEnd)
                        .find();
            }
            if (financial) {
                found.add(new Match(Category.MNPI, figure.start(), figure.end(), "figure"));
            }
        }
        return found;
    }
}
