package dev.quorum.meeting.entity;

import java.util.Locale;

/** A board meeting (directors, one vote each, named ballots) or a member meeting (weights, proxies, secret ballots). */
public enum MeetingKind {
    BOARD,
    MEMBER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MeetingKind fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
