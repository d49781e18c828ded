package dev.quorum.meeting.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * When a meeting is quorate. {@code MAJORITY_OF_SEATS}: more than half of the participants present;
 * {@code COUNT}: at least {@code value} participants present; {@code WEIGHT_PERCENT}: at least
 * {@code value} % of the participants' total weight represented. In member meetings a participant whose
 * meeting-wide proxy holder is present counts as represented.
 */
public enum QuorumRule {
    MAJORITY_OF_SEATS,
    COUNT,
    WEIGHT_PERCENT;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static QuorumRule fromWire(String name) {
        for (QuorumRule rule : values()) {
            if (rule.wireName().equals(name)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown quorum rule " + name);
    }

    /** One participant as quorum sees them. */
    public record Seat(BigDecimal weight, boolean present, boolean representedByProxy) {
        boolean represented() {
            return present || representedByProxy;
        }
    }

    /** Present / required, in seats or in weight as the rule counts. */
    public record Status(BigDecimal present, BigDecimal required, BigDecimal total, boolean met, String unit) {}

    public Status evaluate(BigDecimal value, List<Seat> seats) {
        return switch (this) {
            case MAJORITY_OF_SEATS -> {
                BigDecimal total = BigDecimal.valueOf(seats.size());
                BigDecimal present = BigDecimal.valueOf(
                        seats.stream().filter(Seat::represented).count());
                BigDecimal required = BigDecimal.valueOf(seats.size() / 2 + 1);
                yield new Status(present, required, total, present.compareTo(required) >= 0, "seats");
            }
            case COUNT -> {
                BigDecimal present = BigDecimal.valueOf(
                        seats.stream().filter(Seat::represented).count());
                BigDecimal required = value.setScale(0, RoundingMode.CEILING);
                yield new Status(
                        present, required, BigDecimal.valueOf(seats.size()), present.compareTo(required) >= 0, "seats");
            }
            case WEIGHT_PERCENT -> {
                BigDecimal total = seats.stream().map(Seat::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal present = seats.stream()
                        .filter(Seat::represented)
                        .map(Seat::weight)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal required = total.multiply(value).divide(BigDecimal.valueOf(100), 6, RoundingMode.CEILING);
                yield new Status(
                        present,
                        required.stripTrailingZeros(),
                        total,
                        total.signum() > 0 && present.compareTo(required) >= 0,
                        "weight");
            }
        };
    }
}
