package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.platform.control.Origin;

/**
 * A motion left the floor before its vote, or came back to it: {@code withdraw} (by its proposer or the
 * chair), {@code table} or {@code resume} (by the chair).
 */
public record MotionSetAside(Origin origin, Changed changed, String step) implements MotionChanged {

    @Override
    public String action() {
        return "motion." + step;
    }
}
