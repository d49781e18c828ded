package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.platform.control.Origin;

/** The chair opened the vote: voters, weights and proxies are fixed, directed proxies have voted. */
public record MotionOpened(Origin origin, Changed changed) implements MotionChanged {

    @Override
    public String action() {
        return "motion.open";
    }
}
