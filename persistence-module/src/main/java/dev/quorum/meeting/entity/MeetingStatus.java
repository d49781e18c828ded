package dev.quorum.meeting.entity;

import java.util.Locale;

/** Where a meeting is in its life: scheduled, in session, adjourned. */
public enum MeetingStatus {
    SCHEDULED,
    IN_SESSION,
    ADJOURNED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MeetingStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
