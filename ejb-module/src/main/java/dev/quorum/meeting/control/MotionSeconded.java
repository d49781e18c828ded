package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.platform.control.Origin;

public record MotionSeconded(Origin origin, Changed changed) implements MotionChanged {

    @Override
    public String action() {
        return "motion.second";
    }
}
