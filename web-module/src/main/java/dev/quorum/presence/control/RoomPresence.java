package dev.quorum.presence.control;

import static dev.quorum.platform.control.JsonText.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    private final List<Entry> entries;

    private RoomPresence(List<Entry> entries) {
        this.entries = entries;
    }

    static RoomPresence parse(String json) {
        List<Entry> entries = new ArrayList<>();
        if (json != null) {
            for (JsonValue value : JSON.createReader(new StringReader(json)).readArray()) {
                JsonObject entry = value.asJsonObject();
                Set<String> connections = new LinkedHashSet<>();
                entry.getJsonArray("connections")
                        .getValuesAs(JsonString.class)
                        .forEach(c -> connections.add(c.getString()));
                entries.add(new Entry(
                        entry.getString("member"),
                        entry.getString("displayName"),
                        Instant.parse(entry.getString("since")),
                        entry.getString("status"),
                        connections));
            }
        }
        return new RoomPresence(entries);
    }

    /** The JSON text, or null when nobody is present (so the map entry is removed). */
    String toJson() {
        if (entries.isEmpty()) {
            return null;
        }
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Entry entry : entries) {
            JsonArrayBuilder connections = JSON.createArrayBuilder();
            entry.connections().forEach(connections::add);
            array.add(JSON.createObjectBuilder()
                    .add("member", entry.member())
                    .add("displayName", entry.displayName())
                    .add("since", entry.since().toString())
                    .add("status", entry.status())
                    .add("connections", connections));
        }
        return array.build().toString();
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    Entry find(String member) {
        return entries.stream()
                .filter(e -> e.member().equals(member))
                .findFirst()
                .orElse(null);
    }

    RoomPresence arrive(String member, String displayName, String connection, Instant now) {
        List<Entry> next = new ArrayList<>(entries);
        Entry existing = find(member);
        if (existing == null) {
            next.add(new Entry(member, displayName, now, "online", Set.of(connection)));
        } else {
            Set<String> connections = new LinkedHashSet<>(existing.connections());
            connections.add(connection);
            next.set(
                    next.indexOf(existing),
                    new Entry(member, displayName, existing.since(), existing.status(), connections));
        }
        return new RoomPresence(next);
    }

    RoomPresence depart(String member, String connection) {
        Entry existing = find(member);
        if (existing == null) {
            return this;
        }
        List<Entry> next = new ArrayList<>(entries);
        Set<String> connections = new LinkedHashSet<>(existing.connections());
        connections.remove(connection);
        if (connections.isEmpty()) {
            next.remove(existing);
        } else {
            next.set(
                    next.indexOf(existing),
                    new Entry(member, existing.displayName(), existing.since(), existing.status(), connections));
        }
        return new RoomPresence(next);
    }

    RoomPresence status(String member, String status) {
        Entry existing = find(member);
        if (existing == null || existing.status().equals(status)) {
            return this;
        }
        List<Entry> next = new ArrayList<>(entries);
        next.set(
                next.indexOf(existing),
                new Entry(member, existing.displayName(), existing.since(), status, existing.connections()));
        return new RoomPresence(next);
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

    static JsonObjectBuilder describe(Entry entry) {
        return JSON.createObjectBuilder()
                .add("id", entry.member())
                .add("displayName", entry.displayName())
                .add("since", entry.since().toString())
                .add("status", entry.status());
    }
}
