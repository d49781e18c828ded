package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.platform.control.Origin;
import java.util.Map;

public record MotionProposed(Origin origin, Changed changed) implements MotionChanged {

    @Override
    public String action() {
        return "motion.propose";
    }

    @Override
    public Map<String, Object> detail() {
        return Map.of("title", changed.motion().title());
    }
}
