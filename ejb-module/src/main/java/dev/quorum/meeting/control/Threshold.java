package dev.quorum.meeting.control;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a motion needs to carry. The counted total is the weight of the votes cast for any option, with
 * or without abstentions as the motion says. With the default options the motion carries when "for"
 * reaches the threshold; with custom options, when the leading option does (a tie never carries).
 */
public enum Threshold {
    /** More than half of the counted votes. */
    MAJORITY,
    /** At least two thirds of the counted votes. */
    TWO_THIRDS,
    /** Every counted vote, and at least one. */
    UNANIMOUS;

    public static final List<String> DEFAULT_OPTIONS = List.of("for", "against", "abstain");
    public static final String ABSTAIN = "abstain";

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Threshold fromWire(String name) {
        for (Threshold threshold : values()) {
            if (threshold.wireName().equals(name)) {
                return threshold;
            }
        }
        throw new IllegalArgumentException("unknown threshold " + name);
    }

    /** The decision: the winning option (null when none leads) and whether it carries. */
    public record Decision(String leading, boolean carried, BigDecimal counted) {}

    public Decision decide(List<String> options, Map<String, BigDecimal> weightByChoice, boolean abstentionsCount) {
        BigDecimal counted = BigDecimal.ZERO;
        for (String option : options) {
            if (!ABSTAIN.equals(option) || abstentionsCount) {
                counted = counted.add(weightByChoice.getOrDefault(option, BigDecimal.ZERO));
            }
        }
        String leading = options.equals(DEFAULT_OPTIONS) ? "for" : leader(options, weightByChoice);
        if (leading == null || counted.signum() == 0) {
            return new Decision(leading, false, counted);
        }
        BigDecimal support = weightByChoice.getOrDefault(leading, BigDecimal.ZERO);
        boolean carried =
                switch (this) {
                    case MAJORITY -> support.multiply(BigDecimal.valueOf(2)).compareTo(counted) > 0;
                    case TWO_THIRDS ->
                        support.multiply(BigDecimal.valueOf(3)).compareTo(counted.multiply(BigDecimal.valueOf(2))) >= 0;
                    case UNANIMOUS -> support.compareTo(counted) == 0;
                };
        return new Decision(leading, carried, counted);
    }

    /** The option with the most weight, abstention aside; null on a tie or when nobody voted. */
    private static String leader(List<String> options, Map<String, BigDecimal> weightByChoice) {
        String leader = null;
        BigDecimal best = BigDecimal.ZERO;
        boolean tie = false;
        for (String option : options) {
            if (ABSTAIN.equals(option)) {
                continue;
            }
            BigDecimal weight = weightByChoice.getOrDefault(option, BigDecimal.ZERO);
            int order = weight.compareTo(best);
            if (order > 0) {
                leader = option;
                best = weight;
                tie = false;
            } else if (order == 0 && weight.signum() > 0) {
                tie = true;
            }
        }
        return tie ? null : leader;
    }
}
