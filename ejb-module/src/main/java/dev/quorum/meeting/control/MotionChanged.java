package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.Motions.Changed;
import java.util.Map;

/** A motion was proposed, seconded, opened, set aside or extended: what every such step tells the room and the audit trail. */
public sealed interface MotionChanged extends AuditedEvent
        permits MotionProposed, MotionSeconded, MotionOpened, MotionSetAside, MotionExtended {

    Changed changed();

    @Override
    default String target() {
        return "motion:" + changed().motion().id();
    }

    @Override
    default Map<String, Object> detail() {
        return Map.of();
    }
}
