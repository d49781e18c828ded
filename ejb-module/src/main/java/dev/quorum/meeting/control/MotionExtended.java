package dev.quorum.meeting.control;

import dev.quorum.meeting.control.Motions.Changed;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** The chair gave a timed vote more time. */
public record MotionExtended(Origin origin, Changed changed, int seconds) implements MotionChanged {

    @Override
    public String action() {
        return "motion.extend";
    }

    @Override
    public Map<String, Object> detail() {
        return Map.of(
                "seconds", seconds, "deadline", changed.motion().deadline().toString());
    }
}
