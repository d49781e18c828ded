package dev.quorum.presence.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Spaces one room's presence announcements. The first change after a quiet spell is announced at once;
 * the changes that follow within the spacing wait and are announced together, net, in one frame. Every
 * announcement goes to every member, so a join storm in a room of n members cost n²/2 frames (5,000 for
 * a room of 100; for its clients more than for the server, whose cost is the bytes, which stay the same);
 * spaced, a room hears at most one announcement per
 * spacing, and the spacing grows with the room: {@link #NANOS_PER_MEMBER} per member present, up to the
 * configured maximum. A small board hears of a change within milliseconds, a general meeting within a
 * second. Not thread-safe: the tracker holds the instance's lock around each call and the announcement.
 */
final class AnnouncementSpacing {

    static final long NANOS_PER_MEMBER = TimeUnit.MILLISECONDS.toNanos(10);

    /** What {@link #record} tells the caller to do when it need not announce now nor schedule. */
    static final long ALREADY_SCHEDULED = -1;

    static final long ANNOUNCE_NOW = 0;

    /** The changes recorded since the last announcement, net: the presence before the first, after the last. */
    record Due(RoomPresence before, RoomPresence after, List<String> members) {}

    private RoomPresence before;
    private RoomPresence after;
    private final Set<String> members = new LinkedHashSet<>();
    private boolean announced;
    private long lastAnnouncedNanos;
    private boolean scheduled;

    /**
     * Records a batch of changes. Answers {@link #ANNOUNCE_NOW}, {@link #ALREADY_SCHEDULED}, or how many
     * nanoseconds from now the caller is to announce (and from then on, this answers ALREADY_SCHEDULED until
     * {@link #take} is called).
     */
    long record(RoomPresence from, RoomPresence to, Collection<String> changed, long nowNanos, long maxSpacingNanos) {
        if (before == null) {
            before = from;
        }
        after = to;
        members.addAll(changed);
        if (scheduled) {
            return ALREADY_SCHEDULED;
        }
        long spacing = Math.min(maxSpacingNanos, NANOS_PER_MEMBER * Math.max(from.size(), to.size()));
        long wait = announced ? lastAnnouncedNanos + spacing - nowNanos : 0;
        if (wait <= 0) {
            return ANNOUNCE_NOW;
        }
        scheduled = true;
        return wait;
    }

    /** What is to be announced now, or null when nothing is pending; the spacing counts from now. */
    Due take(long nowNanos) {
        scheduled = false;
        if (before == null) {
            return null;
        }
        Due due = new Due(before, after, new ArrayList<>(members));
        before = null;
        after = null;
        members.clear();
        announced = true;
        lastAnnouncedNanos = nowNanos;
        return due;
    }
}
