package dev.quorum.analysis.control;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an action item is due, as the speaker said it ("by Friday", "before 15 December", "next week", "by the
 * end of the month", "2027-01-10"), relative to the day it was said. Only what was said: no date otherwise.
 */
public final class DueDates {

    private DueDates() {}

    private static final String MONTHS =
            "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
                    + "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern DAY_MONTH =
            Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTHS + "\\b(?:\\s+(\\d{4}))?");
    private static final Pattern MONTH_DAY =
            Pattern.compile("\\b" + MONTHS + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?");
    private static final Pattern WEEKDAY = Pattern.compile(
            "\\b(?:by|before|until|on|due|this|next)\\s+(?:next\\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
    private static final Pattern BY_MONTH =
            Pattern.compile("\\b(?:by|before|in|until|due)\\s+(?:the\\s+end\\s+of\\s+)?" + MONTHS + "\\b");
    private static final Pattern IN_UNITS =
            Pattern.compile("\\bin\\s+(\\d{1,2}|one|two|three|four)\\s+(day|week|month)s?\\b");

    public static Optional<LocalDate> in(String sentence, LocalDate said) {
        String text = sentence.toLowerCase(Locale.ROOT);
        Matcher matcher = ISO.matcher(text);
        if (matcher.find()) {
            try {
                return Optional.of(LocalDate.of(
                        Integer.parseInt(matcher.group(1)),
                        Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3))));
            } catch (java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        matcher = DAY_MONTH.matcher(text);
        if (matcher.find()) {
            return dayOfMonth(said, matcher.group(2), matcher.group(1), matcher.group(3));
        }
        matcher = MONTH_DAY.matcher(text);
        if (matcher.find()) {
            return dayOfMonth(said, matcher.group(1), matcher.group(2), matcher.group(3));
        }
        if (text.matches("(?s).*\\btoday\\b.*|.*\\bend of (the )?day\\b.*|.*\\btonight\\b.*")) {
            return Optional.of(said);
        }
        if (text.matches("(?s).*\\btomorrow\\b.*")) {
            return Optional.of(said.plusDays(1));
        }
        matcher = WEEKDAY.matcher(text);
        if (matcher.find()) {
            DayOfWeek day = DayOfWeek.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
            // "next Friday" is taken as the coming one, as most speakers mean it
            return Optional.of(said.with(TemporalAdjusters.next(day)));
        }
        if (text.matches("(?s).*\\b(end of (the|this) week|this week)\\b.*")) {
            return Optional.of(said.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY)));
        }
        if (text.matches("(?s).*\\bnext week\\b.*")) {
            return Optional.of(
                    said.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusDays(4));
        }
        if (text.matches("(?s).*\\b(end of (the|this) month|this month)\\b.*")) {
            return Optional.of(said.with(TemporalAdjusters.lastDayOfMonth()));
        }
        if (text.matches("(?s).*\\bnext month\\b.*")) {
            return Optional.of(said.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth()));
        }
        if (text.matches("(?s).*\\b(end of (the|this) quarter|this quarter)\\b.*")) {
            int lastMonth = ((said.getMonthValue() - 1) / 3) * 3 + 3;
            return Optional.of(LocalDate.of(said.getYear(), lastMonth, 1).with(TemporalAdjusters.lastDayOfMonth()));
        }
        if (text.matches("(?s).*\\b(end of (the|this) year|year end|year-end)\\b.*")) {
            return Optional.of(LocalDate.of(said.getYear(), 12, 31));
        }
        matcher = IN_UNITS.matcher(text);
        if (matcher.find()) {
            int count = number(matcher.group(1));
            return Optional.of(
                    switch (matcher.group(2)) {
                        case "day" -> said.plusDays(count);
                        case "week" -> said.plusWeeks(count);
                        default -> said.plusMonths(count);
                    });
        }
        matcher = BY_MONTH.matcher(text);
        if (matcher.find()) {
            Month month = month(matcher.group(1));
            LocalDate end = LocalDate.of(said.getYear(), month, 1).with(TemporalAdjusters.lastDayOfMonth());
            return Optional.of(end.isBefore(said) ? end.plusYears(1).with(TemporalAdjusters.lastDayOfMonth()) : end);
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> dayOfMonth(LocalDate said, String monthName, String day, String year) {
        Month month = month(monthName);
        try {
            LocalDate date =
                    LocalDate.of(year == null ? said.getYear() : Integer.parseInt(year), month, Integer.parseInt(day));
            // "by 10 January" said in December is next year's
            return Optional.of(year == null && date.isBefore(said) ? date.plusYears(1) : date);
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Month month(String name) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    .toLowerCase(Locale.ROOT)
                    .startsWith(name.substring(0, 3))) {
                return month;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static int number(String word) {
        return switch (word) {
            case "one" -> 1;
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            default -> Integer.parseInt(word);
        };
    }
}
