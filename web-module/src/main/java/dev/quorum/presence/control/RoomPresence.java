package dev.quorum.presence.control;

import static dev.quorum.platform.control.JsonText.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is in one room, as an immutable value kept as JSON text: every member with the connections that
 * hold their presence (tabs and devices, on any node), since when, and their status. Text because it is
 * stored in a Hazelcast map, whose atomic updates compare values and whose class loader does not know
 * Quorum's classes.
 */
public final class RoomPresence {

    public record Entry(String member, String displayName, Instant since, String status, Set<String> connections) {}

    /** What an update changed for the member: arrived, left, status changed, or nothing visible. */
    enum Change {
        ARRIVED,
        LEFT,
        STATUS,
        NONE
    }

    /** By member, in the order they arrived. */
    private final Map<String, Entry> entries;

    /**
     * Each entry's JSON text, by member in the same order, or null until a change needs it. A change
     * re-encodes only its own member: a room's text is rewritten at every join, and encoding every member
     * of a large room each time was most of a join storm's presence work (perf, issue 16).
     */
    private volatile Map<String, String> encoded;

    /** The JSON text this value was read from or written as: computed once, compared to skip a parse. */
    private volatile String json;

    private RoomPresence(Map<String, Entry> entries, Map<String, String> encoded, String json) {
        this.entries = entries;
        this.encoded = encoded;
        this.json = json;
    }

    static RoomPresence parse(String json) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (json != null) {
            for (JsonValue value : JSON.createReader(new StringReader(json)).readArray()) {
                JsonObject entry = value.asJsonObject();
                Set<String> connections = new LinkedHashSet<>();
                entry.getJsonArray("connections")
                        .getValuesAs(JsonString.class)
                        .forEach(c -> connections.add(c.getString()));
                String member = entry.getString("member");
                entries.put(
                        member,
                        new Entry(
                                member,
                                entry.getString("displayName"),
                                Instant.parse(entry.getString("since")),
                                entry.getString("status"),
                                connections));
            }
        }
        return new RoomPresence(entries, null, json);
    }

    /**
     * The presence the text stands for: the one already read when the text is the same (a room's entry is
     * read and rewritten at every change; parsing all its members each time cost more than the change).
     */
    static RoomPresence parse(String json, RoomPresence known) {
        if (known != null && java.util.Objects.equals(known.toJson(), json)) {
            return known;
        }
        return parse(json);
    }

    /** The JSON text, or null when nobody is present (so the map entry is removed). */
    String toJson() {
        String text = json;
        if (text == null && !entries.isEmpty()) {
            Map<String, String> parts = encoded();
            StringBuilder array = new StringBuilder(2 + parts.size() * 128).append('[');
            for (String part : parts.values()) {
                if (array.length() > 1) {
                    array.append(',');
                }
                array.append(part);
            }
            text = array.append(']').toString();
            json = text;
        }
        return text;
    }

    /** The entries' texts, encoded on first need (a value read from the map has its whole text already). */
    private Map<String, String> encoded() {
        Map<String, String> parts = encoded;
        if (parts == null) {
            parts = new LinkedHashMap<>();
            for (Entry entry : entries.values()) {
                parts.put(entry.member(), encode(entry));
            }
            encoded = parts; // computed again by a racing thread at worst: the same text
        }
        return parts;
    }

    private static String encode(Entry entry) {
        JsonArrayBuilder connections = JSON.createArrayBuilder();
        entry.connections().forEach(connections::add);
        return JSON.createObjectBuilder()
                .add("member", entry.member())
                .add("displayName", entry.displayName())
                .add("since", entry.since().toString())
                .add("status", entry.status())
                .add("connections", connections)
                .build()
                .toString();
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** How many members are present. */
    int size() {
        return entries.size();
    }

    Entry find(String member) {
        return entries.get(member);
    }

    RoomPresence arrive(String member, String displayName, String connection, Instant now) {
        Entry existing = find(member);
        if (existing == null) {
            return with(new Entry(member, displayName, now, "online", Set.of(connection)));
        }
        if (existing.connections().contains(connection)
                && existing.displayName().equals(displayName)) {
            return this;
        }
        Set<String> connections = new LinkedHashSet<>(existing.connections());
        connections.add(connection);
        return with(new Entry(member, displayName, existing.since(), existing.status(), connections));
    }

    RoomPresence depart(String member, String connection) {
        Entry existing = find(member);
        if (existing == null || !existing.connections().contains(connection)) {
            return this;
        }
        Set<String> connections = new LinkedHashSet<>(existing.connections());
        connections.remove(connection);
        if (connections.isEmpty()) {
            Map<String, Entry> next = new LinkedHashMap<>(entries);
            next.remove(member);
            Map<String, String> nextEncoded = new LinkedHashMap<>(encoded());
            nextEncoded.remove(member);
            return new RoomPresence(next, nextEncoded, null);
        }
        return with(new Entry(member, existing.displayName(), existing.since(), existing.status(), connections));
    }

    RoomPresence status(String member, String status) {
        Entry existing = find(member);
        if (existing == null || existing.status().equals(status)) {
            return this;
        }
        return with(new Entry(member, existing.displayName(), existing.since(), status, existing.connections()));
    }

    /** A copy with the member's entry added or replaced in place. */
    private RoomPresence with(Entry entry) {
        Map<String, Entry> next = new LinkedHashMap<>(entries);
        next.put(entry.member(), entry);
        Map<String, String> nextEncoded = new LinkedHashMap<>(encoded());
        nextEncoded.put(entry.member(), encode(entry));
        return new RoomPresence(next, nextEncoded, null);
    }

    static Change change(RoomPresence before, RoomPresence after, String member) {
        Entry was = before.find(member);
        Entry is = after.find(member);
        if (was == null && is != null) {
            return Change.ARRIVED;
        }
        if (was != null && is == null) {
            return Change.LEFT;
        }
        if (was != null && !was.status().equals(is.status())) {
            return Change.STATUS;
        }
        return Change.NONE;
    }

    /**
     * What a batch of changes did to the room, member by member, as one {@code presence.changed} frame's
     * data: who arrived, whose status changed, who left; null when nothing visible changed. Net over the
     * batch: a member who came and went within it is not mentioned.
     */
    static JsonObjectBuilder changes(long room, RoomPresence before, RoomPresence after, List<String> members) {
        JsonArrayBuilder joined = JSON.createArrayBuilder();
        JsonArrayBuilder status = JSON.createArrayBuilder();
        JsonArrayBuilder left = JSON.createArrayBuilder();
        boolean any = false;
        for (String member : new LinkedHashSet<>(members)) {
            switch (change(before, after, member)) {
                case ARRIVED -> joined.add(describe(after.find(member)));
                case STATUS -> status.add(describe(after.find(member)));
                case LEFT -> left.add(describe(before.find(member)));
                case NONE -> {
                    continue;
                }
            }
            any = true;
        }
        return any
                ? JSON.createObjectBuilder()
                        .add("room", room)
                        .add("joined", joined)
                        .add("status", status)
                        .add("left", left)
                : null;
    }

    static JsonObjectBuilder describe(Entry entry) {
        return JSON.createObjectBuilder()
                .add("id", entry.member())
                .add("displayName", entry.displayName())
                .add("since", entry.since().toString())
                .add("status", entry.status());
    }
}
