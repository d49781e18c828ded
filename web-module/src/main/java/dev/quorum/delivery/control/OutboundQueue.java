package dev.quorum.delivery.control;

import dev.quorum.routing.control.Priority;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One connection's bounded outbound queue. Higher priority goes first, but never ahead of an earlier
 * message of the same room: a message promotes the room's waiting messages to its own priority. When
 * full, the oldest low (then normal) message is dropped together with everything after it in its room;
 * that room is suspended and the caller tells the client from which sequence to resume. Dropped messages
 * stay replayable. When nothing can be dropped the queue overflows and the connection must close.
 * Not thread-safe: the connection serialises access.
 */
final class OutboundQueue {

    /** A frame to send. Room messages carry their room and sequence; control frames have room 0. */
    record Item(long room, long sequence, Priority priority, String json, long enqueuedNanos) {

        static Item control(String json, long now) {
            return new Item(0, 0, Priority.CRITICAL, json, now);
        }

        boolean roomMessage() {
            return room != 0;
        }
    }

    /** A room whose messages from {@code resumeFrom} on were dropped. */
    record Gap(long room, long resumeFrom) {}

    /** What an offer did: gaps it opened, messages it discarded by priority, or an overflow. */
    record Offered(boolean overflow, List<Gap> gaps, Map<Priority, Integer> discarded) {}

    /** Priorities in order, read per frame: {@code Priority.values()} copies its array on every call. */
    private static final Priority[] PRIORITIES = Priority.values();

    /** The answer of an offer that queued its item and touched nothing else: most offers, shared. */
    private static final Offered QUEUED = new Offered(false, List.of(), Map.of());

    private final int capacity;
    private final Map<Priority, ArrayDeque<Item>> byPriority = new EnumMap<>(Priority.class);
    private final Map<Long, Long> suspended = new HashMap<>();
    private int size;

    OutboundQueue(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        this.capacity = capacity;
        for (Priority priority : PRIORITIES) {
            byPriority.put(priority, new ArrayDeque<>());
        }
    }

    Offered offer(Item item) {
        if (size < capacity && (suspended.isEmpty() || !item.roomMessage() || !suspended.containsKey(item.room()))) {
            enqueue(item);
            return QUEUED;
        }
        List<Gap> gaps = new ArrayList<>();
        Map<Priority, Integer> discarded = new EnumMap<>(Priority.class);
        if (item.roomMessage() && suspended.containsKey(item.room())) {
            // the client was told to resume before this message; it will get it then
            discarded.merge(item.priority(), 1, Integer::sum);
            return new Offered(false, gaps, discarded);
        }
        while (size >= capacity) {
            Item victim = firstDroppable();
            if (victim == null) {
                return new Offered(true, gaps, discarded);
            }
            dropRoomFrom(victim.room(), victim.sequence(), discarded);
            suspended.merge(victim.room(), victim.sequence(), Math::min);
            gaps.add(new Gap(victim.room(), victim.sequence()));
            if (item.roomMessage() && item.room() == victim.room()) {
                discarded.merge(item.priority(), 1, Integer::sum);
                return new Offered(false, gaps, discarded);
            }
        }
        enqueue(item);
        return new Offered(false, gaps, discarded);
    }

    private void enqueue(Item item) {
        if (item.roomMessage()) {
            promoteRoom(item.room(), item.priority());
        }
        byPriority.get(item.priority()).addLast(item);
        size++;
    }

    /** The next frame to send, or null. */
    Item poll() {
        for (Priority priority : PRIORITIES) {
            Item item = byPriority.get(priority).pollFirst();
            if (item != null) {
                size--;
                return item;
            }
        }
        return null;
    }

    /** The client resumed the room: its messages are queued again. */
    void resume(long room) {
        suspended.remove(room);
    }

    boolean isSuspended(long room) {
        return suspended.containsKey(room);
    }

    int size() {
        return size;
    }

    /** How long the oldest waiting high or critical frame has waited, 0 if none. */
    long oldestUrgentWaitNanos(long now) {
        long oldest = 0;
        for (Priority priority : List.of(Priority.CRITICAL, Priority.HIGH)) {
            Item first = byPriority.get(priority).peekFirst();
            if (first != null) {
                oldest = Math.max(oldest, now - first.enqueuedNanos());
            }
        }
        return oldest;
    }

    private Item firstDroppable() {
        for (Priority priority : List.of(Priority.LOW, Priority.NORMAL)) {
            for (Item item : byPriority.get(priority)) {
                if (item.roomMessage()) {
                    return item;
                }
            }
        }
        return null;
    }

    private void dropRoomFrom(long room, long sequence, Map<Priority, Integer> discarded) {
        for (Priority priority : List.of(Priority.NORMAL, Priority.LOW)) {
            Iterator<Item> items = byPriority.get(priority).iterator();
            while (items.hasNext()) {
                Item queued = items.next();
                if (queued.room() == room && queued.sequence() >= sequence) {
                    items.remove();
                    size--;
                    discarded.merge(priority, 1, Integer::sum);
                }
            }
        }
    }

    /** Moves the room's waiting lower-priority messages up, in order, so the new one cannot pass them. */
    private void promoteRoom(long room, Priority priority) {
        ArrayDeque<Item> target = null;
        for (int i = priority.ordinal() + 1; i < PRIORITIES.length; i++) {
            ArrayDeque<Item> lowerQueue = byPriority.get(PRIORITIES[i]);
            if (lowerQueue.isEmpty()) {
                continue;
            }
            if (target == null) {
                target = byPriority.get(priority);
            }
            Iterator<Item> items = lowerQueue.iterator();
            while (items.hasNext()) {
                Item queued = items.next();
                if (queued.room() == room) {
                    items.remove();
                    target.addLast(new Item(
                            queued.room(), queued.sequence(), priority, queued.json(), queued.enqueuedNanos()));
                }
            }
        }
    }
}
