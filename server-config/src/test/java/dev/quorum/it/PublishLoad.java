package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Publishers that keep publishing into one room while something fails (a node dies, the database
 * restarts), each waiting for the answer before the next publish, and a reader that records what the room
 * delivered. Every answer is noted: acknowledged, UNAVAILABLE (the server kept nothing) or unknown
 * (OUTCOME_UNKNOWN, or the connection died before any answer). Unknown ones are retried afterwards with the
 * same client id, as quorum.js does; deduplication makes that safe. {@link #verify} then holds the server
 * to its word against the database.
 */
final class PublishLoad {

    private final long room;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Publisher> publishers = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean readerStopping;
    private Thread readerThread;
    private final List<Long> readSequences = Collections.synchronizedList(new ArrayList<>());
    private final List<String> readIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> readerFailures = Collections.synchronizedList(new ArrayList<>());

    PublishLoad(long room) {
        this.room = room;
    }

    /** One publisher: connect gives its first connection, and a new one whenever its connection dies. */
    void publisher(String name, Supplier<QuorumClient> connect) {
        Publisher publisher = new Publisher(name, connect);
        publishers.add(publisher);
        Thread thread = new Thread(publisher, "publisher-" + name);
        threads.add(thread);
        thread.start();
    }

    /** The reader, already joined to the room: records every message the room delivers, in order. */
    void reader(QuorumClient reader) {
        readerThread = new Thread(
                () -> {
                    while (!readerStopping) {
                        JsonObject frame = reader.poll(Duration.ofMillis(200));
                        if (frame != null) {
                            record(frame);
                        } else if (!reader.isOpen()) {
                            readerFailures.add("the reader's connection closed");
                            return;
                        }
                    }
                    // whatever is still on its way arrives within a few quiet seconds
                    for (JsonObject frame : reader.drain(Duration.ofSeconds(3))) {
                        record(frame);
                    }
                },
                "reader");
        readerThread.start();
    }

    private void record(JsonObject frame) {
        String type = frame.getString("type");
        if (type.equals("message")) {
            JsonObject data = frame.getJsonObject("data");
            if (data.getJsonNumber("room").longValue() == room) {
                readSequences.add(data.getJsonNumber("seq").longValue());
                readIds.add(data.getString("id", "(none)"));
            }
        } else if (type.equals("gap") || type.equals("error")) {
            readerFailures.add(frame.toString());
        }
    }

    int acknowledged() {
        return publishers.stream().mapToInt(p -> p.acknowledged.size()).sum();
    }

    /** Stops publishing, retries every unknown outcome until acknowledged, and lets the reader catch up. */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        for (Publisher publisher : publishers) {
            publisher.retryUnknown();
        }
        readerStopping = true;
        if (readerThread != null) {
            readerThread.join(60_000);
        }
    }

    String summary() {
        int unavailable =
                publishers.stream().mapToInt(p -> p.unavailable.size()).sum();
        int unknown = publishers.stream().mapToInt(p -> p.retried.size()).sum();
        return String.format(
                "%d acknowledged (%d of them after an unknown outcome and a retry), %d UNAVAILABLE, %d delivered",
                acknowledged(), unknown, unavailable, readSequences.size());
    }

    /**
     * Against the database: every acknowledged publish stored exactly once, every UNAVAILABLE one absent,
     * no other refusal; and the reader got exactly the room's stored messages after start, gapless, in
     * sequence order, once each.
     */
    void verify(String jdbcUrl, String user, long startSequence) throws Exception {
        List<String> failures = new ArrayList<>();
        publishers.forEach(p -> failures.addAll(p.failures));
        assertEquals(List.of(), failures, "answers other than ack, UNAVAILABLE and OUTCOME_UNKNOWN");
        assertEquals(List.of(), readerFailures, "the reader saw gaps or errors");
        List<Long> storedSequences = new ArrayList<>();
        List<String> storedIds = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, "");
                PreparedStatement stored = db.prepareStatement("SELECT sequence, client_message_id FROM message"
                        + " WHERE room_id = ? AND sequence > ? ORDER BY sequence")) {
            stored.setLong(1, room);
            stored.setLong(2, startSequence);
            try (ResultSet rs = stored.executeQuery()) {
                while (rs.next()) {
                    storedSequences.add(rs.getLong(1));
                    storedIds.add(rs.getString(2));
                }
            }
        }
        for (int i = 0; i < storedSequences.size(); i++) {
            assertEquals(startSequence + 1 + i, storedSequences.get(i), "stored sequences are gapless");
        }
        for (Publisher publisher : publishers) {
            for (String id : publisher.acknowledged) {
                assertEquals(1, Collections.frequency(storedIds, id), "acknowledged " + id);
            }
            for (String id : publisher.unavailable) {
                assertEquals(0, Collections.frequency(storedIds, id), "answered UNAVAILABLE yet stored: " + id);
            }
            // one publisher waits for each answer: what it got acknowledged first time is stored in its order
            List<Integer> positions = publisher.firstTimeAcknowledged.stream()
                    .map(storedIds::indexOf)
                    .toList();
            for (int i = 1; i < positions.size(); i++) {
                assertTrue(positions.get(i) > positions.get(i - 1), publisher.name + "'s messages out of order");
            }
        }
        assertEquals(storedSequences, List.copyOf(readSequences), "the reader got every stored message once, in order");
        assertEquals(storedIds, List.copyOf(readIds));
        assertTrue(acknowledged() > 0);
    }

    private final class Publisher implements Runnable {
        final String name;
        final Supplier<QuorumClient> connect;
        final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        final List<String> firstTimeAcknowledged = new ArrayList<>();
        final List<String> unavailable = new ArrayList<>();
        final List<String> unknown = new ArrayList<>();
        final List<String> retried = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        QuorumClient client;

        Publisher(String name, Supplier<QuorumClient> connect) {
            this.name = name;
            this.connect = connect;
        }

        @Override
        public void run() {
            // the first connection may also meet a cluster still settling after an earlier fault test
            client = connectWithin(Duration.ofSeconds(60));
            for (int i = 0; !stopping; i++) {
                String id = name + "-" + i;
                JsonObject answer = publish(id);
                if (answer == null) {
                    unknown.add(id);
                    reconnect();
                } else if (answer.getString("type").equals("ack")) {
                    acknowledged.add(id);
                    firstTimeAcknowledged.add(id);
                } else {
                    JsonObject error = answer.getJsonObject("data");
                    String code = error.getString("code");
                    if (code.equals("UNAVAILABLE")) {
                        unavailable.add(id);
                    } else if (code.equals("OUTCOME_UNKNOWN")) {
                        unknown.add(id);
                    } else {
                        failures.add(answer.toString());
                    }
                    long retryAfter = error.containsKey("retryAfter")
                            ? error.getJsonNumber("retryAfter").longValue()
                            : 250;
                    pause(Math.min(250, retryAfter));
                }
            }
        }

        void retryUnknown() {
            for (String id : unknown) {
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                JsonObject answer = null;
                while (System.nanoTime() < until) {
                    answer = publish(id);
                    if (answer == null) {
                        reconnect();
                    } else if (answer.getString("type").equals("ack")) {
                        break;
                    } else {
                        pause(250);
                    }
                }
                assertTrue(answer != null && answer.getString("type").equals("ack"), "retrying " + id + ": " + answer);
                acknowledged.add(id);
                retried.add(id);
            }
            client.close();
        }

        /** The ack or error answering this publish, or null when the connection died first. */
        private JsonObject publish(String id) {
            try {
                client.send("{\"type\":\"publish\",\"id\":\"" + id + "\",\"data\":{\"room\":" + room + ",\"id\":\"" + id
                        + "\",\"type\":\"chat\",\"data\":{\"text\":\"" + id + "\"}}}");
            } catch (RuntimeException closed) {
                return null;
            }
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                JsonObject frame = client.poll(Duration.ofMillis(200));
                if (frame == null) {
                    if (!client.isOpen()) {
                        return null;
                    }
                    continue;
                }
                String type = frame.getString("type");
                if ((type.equals("ack") || type.equals("error")) && id.equals(frame.getString("replyTo", null))) {
                    return frame;
                }
            }
            return null;
        }

        /** A joined connection, retried every half second for at most the given time. */
        private QuorumClient connectWithin(Duration patience) {
            long until = System.nanoTime() + patience.toNanos();
            while (true) {
                try {
                    return connect.get();
                } catch (RuntimeException | AssertionError notYet) {
                    if (System.nanoTime() > until) {
                        throw notYet;
                    }
                    pause(500);
                }
            }
        }

        private void reconnect() {
            client.close();
            client = connectWithin(Duration.ofSeconds(60));
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
