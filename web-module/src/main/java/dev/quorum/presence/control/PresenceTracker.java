package dev.quorum.presence.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.delivery.control.ClusterBus;
import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.MessageFrames;
import dev.quorum.delivery.control.RoomFanout;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.BatchQueue;
import dev.quorum.platform.control.LogThrottle;
import dev.quorum.platform.control.RereadSetting;
import dev.quorum.presence.control.RoomPresence.Change;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is in which room, across the cluster: kept in a Hazelcast map (a local map without a cluster),
 * one entry per room, updated atomically. Several tabs of a member are one presence; a dropped
 * connection counts as present for a grace period, so a reconnect does not flicker. Changes are
 * announced to the room as presence events; typing is relayed, coalesced, never stored.
 */
@ApplicationScoped
public class PresenceTracker {

    static final long TYPING_COALESCE_NANOS = TimeUnit.SECONDS.toNanos(2);

    @Inject
    ClusterBus cluster;

    @Inject
    RoomFanout fanout;

    @Inject
    jakarta.enterprise.event.Event<RoomDeparture> departures;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "quorum.presence.grace-seconds", defaultValue = "15")
    Provider<Long> graceSeconds;

    /** Read per dropped connection: reread every few seconds, not asked of Payara per drop. */
    private final RereadSetting<Long> currentGraceSeconds = new RereadSetting<>(() -> graceSeconds.get());

    /**
     * How long a join, a leave or a status change waits for the cluster's presence map. A frozen member
     * that owns a room's entry would otherwise hold the request thread for Hazelcast's call timeout (a
     * minute), and enough such threads starve every handshake of the node.
     */
    @Inject
    @ConfigProperty(name = "quorum.presence.cluster-wait-millis", defaultValue = "1000")
    long clusterWaitMillis;

    /**
     * The longest a presence change waits to be announced in a large room amid a storm of changes. Read once:
     * a Provider would ask Payara's configuration (and its JNDI source, by a caught exception) per batch.
     */
    @Inject
    @ConfigProperty(name = "quorum.presence.announcement-spacing-max-millis", defaultValue = "1000")
    long maxSpacingMillis;

    @Resource
    ManagedThreadFactory threads;

    private static final Logger LOG = Logger.getLogger(PresenceTracker.class.getName());
    private static final LogThrottle SLOW = new LogThrottle(LOG, 60_000);

    private final Map<String, Long> lastTyping = new ConcurrentHashMap<>();

    /**
     * The last presence of each room this node read or wrote: the answer while the cluster does not, and
     * what the next read of an unchanged entry is instead of parsing it again.
     */
    private final Map<String, RoomPresence> lastKnown = new ConcurrentHashMap<>();

    /**
     * Whether a document lives in each room this node saw entered: departures from the others need not ask
     * the documents for locks to release (a query, and a context capture for the asynchronous event).
     */
    private final Map<Long, Boolean> holdsDocument = new ConcurrentHashMap<>();

    private static final String DOCUMENT_ROOM = "document";

    /** Read once (see {@link #presenceMap()}). */
    private volatile Map<String, String> presenceMap;

    private volatile String nodeId;

    /** Each room's announcements, spaced in a storm of changes (see {@link AnnouncementSpacing}). */
    private final Map<Long, AnnouncementSpacing> spacings = new ConcurrentHashMap<>();

    /** Sends the spaced announcements: a thread of its own, no context captured per announcement. */
    private ScheduledExecutorService announcer;

    /** Each room's changes waiting for the cluster's map. */
    private final Map<Long, BatchQueue<Pending>> pending = new ConcurrentHashMap<>();

    /** One member's change and whoever waits for it. */
    record Pending(String member, UnaryOperator<RoomPresence> change, CompletableFuture<Void> done) {}

    /** Presence work of its own, so that calls stuck on a frozen member hold none of the shared threads. */
    private ExecutorService clusterCalls;

    /**
     * Dropped connections' rooms, each left when its grace ends. One periodic sweep serves them all: a
     * task scheduled per room on the managed scheduler captured the application's context each time, which
     * cost more than the departure itself when thousands of connections dropped at once.
     */
    private final DelayQueue<GraceEnd> graceEnds = new DelayQueue<>();

    private ScheduledFuture<?> graceSweep;

    static final long GRACE_SWEEP_MILLIS = 250;

    record GraceEnd(long dueNanos, LiveConnection connection, long room) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((GraceEnd) other).dueNanos);
        }
    }

    @jakarta.annotation.PostConstruct
    void watchTheCluster() {
        clusterCalls = Executors.newFixedThreadPool(4, threads);
        announcer = Executors.newSingleThreadScheduledExecutor(threads);
        cluster.onNodeDeparted(this::forgetNode);
        graceSweep = scheduler.scheduleWithFixedDelay(
                this::endGraces, GRACE_SWEEP_MILLIS, GRACE_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        graceSweep.cancel(false);
        clusterCalls.shutdownNow();
        announcer.shutdownNow();
    }

    /**
     * A member's connection entered a room. The room's kind tells whether a departure from it can matter
     * to a document; a room's kind never changes, so it is kept for as long as the node runs.
     */
    public void arrived(LiveConnection connection, long room, String roomKind) {
        holdsDocument.putIfAbsent(room, DOCUMENT_ROOM.equals(roomKind));
        MemberIdentity member = connection.identity();
        update(
                room,
                member.subject(),
                p -> p.arrive(member.subject(), member.displayName(), key(connection), Instant.now()));
    }

    public void left(LiveConnection connection, long room) {
        update(room, connection.identity().subject(), departureOf(connection));
    }

    private UnaryOperator<RoomPresence> departureOf(LiveConnection connection) {
        return p -> p.depart(connection.identity().subject(), key(connection));
    }

    /**
     * A node left the cluster (shut down or crashed) before its grace timers ran: the presences its
     * connections held end after the same grace as any dropped connection's, so that members who reconnect
     * to another node meanwhile are never reported gone (their new connection keeps the presence). Every
     * surviving node runs this; the first one's update wins, the others change nothing.
     */
    void forgetNode(String departedNode) {
        scheduler.schedule(() -> departNode(departedNode), currentGraceSeconds.get(), TimeUnit.SECONDS);
    }

    private void departNode(String departedNode) {
        for (String room : java.util.List.copyOf(presenceMap().keySet())) {
            RoomPresence current = RoomPresence.parse(presenceMap().get(room), lastKnown.get(room));
            for (RoomPresence.Entry entry : current.entries()) {
                for (String connection : entry.connections()) {
                    if (connection.startsWith(departedNode + "/")) {
                        update(Long.parseLong(room), entry.member(), p -> p.depart(entry.member(), connection));
                    }
                }
            }
        }
    }

    /**
     * The cluster's presence map and this node's id, fixed once the cluster bus has started: asked for on
     * every presence change, and each question through the bus's EJB proxy cost more than the map access.
     */
    private Map<String, String> presenceMap() {
        Map<String, String> map = presenceMap;
        if (map == null) {
            presenceMap = map = cluster.presence();
        }
        return map;
    }

    private String nodeId() {
        String id = nodeId;
        if (id == null) {
            nodeId = id = cluster.nodeId();
        }
        return id;
    }

    /** Connections are named by node and session, so that a departed node's can be found. */
    private String key(LiveConnection connection) {
        return nodeId() + "/" + connection.id();
    }

    /** A dropped connection leaves its rooms only after the grace period. */
    public void disconnected(LiveConnection connection) {
        long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(currentGraceSeconds.get());
        for (long room : connection.rooms()) {
            graceEnds.add(new GraceEnd(due, connection, room));
        }
    }

    /** Leaves the rooms whose grace has ended. */
    private void endGraces() {
        for (GraceEnd end = graceEnds.poll(); end != null; end = graceEnds.poll()) {
            try {
                updateInBackground(end.room(), end.connection().identity().subject(), departureOf(end.connection()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Leaving room " + end.room() + " after the grace period failed", e);
            }
        }
    }

    public void status(LiveConnection connection, String status) {
        for (long room : connection.rooms()) {
            update(
                    room,
                    connection.identity().subject(),
                    p -> p.status(connection.identity().subject(), status));
        }
    }

    /** The room's presence from the cluster, or (when it does not answer in time) as this node last knew it. */
    public List<RoomPresence.Entry> present(long room) {
        String key = Long.toString(room);
        Future<String> read = clusterCalls.submit(() -> presenceMap().get(key));
        RoomPresence known = lastKnown.get(key);
        try {
            RoomPresence current = RoomPresence.parse(read.get(clusterWaitMillis, TimeUnit.MILLISECONDS), known);
            remember(key, current);
            return current.entries();
        } catch (TimeoutException | ExecutionException e) {
            SLOW.log(
                    Level.WARNING,
                    "read",
                    "Presence is read from this node's last view: the cluster did not answer",
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return known == null ? List.of() : known.entries();
    }

    private void remember(String key, RoomPresence presence) {
        if (presence.toJson() == null) {
            lastKnown.remove(key);
        } else {
            lastKnown.put(key, presence);
        }
    }

    /** Applies a change to this node's own view only (the cluster did not take it in time). */
    private void rememberLocally(long room, UnaryOperator<RoomPresence> change) {
        lastKnown.compute(Long.toString(room), (key, known) -> {
            RoomPresence next = change.apply(known == null ? RoomPresence.parse(null) : known);
            return next.toJson() == null ? null : next;
        });
    }

    public String presenceFrame(long room, String replyTo) {
        JsonArrayBuilder members = JSON.createArrayBuilder();
        present(room).forEach(entry -> members.add(RoomPresence.describe(entry)));
        return MessageFrames.envelope(
                "presence",
                replyTo,
                JSON.createObjectBuilder().add("room", room).add("members", members));
    }

    /** Relays that the member is typing, at most once every two seconds per member and room. */
    public void typing(LiveConnection connection, long room) {
        MemberIdentity member = connection.identity();
        long now = System.nanoTime();
        Long previous = lastTyping.get(member.memberId() + ":" + room);
        if (previous != null && now - previous < TYPING_COALESCE_NANOS) {
            return;
        }
        lastTyping.put(member.memberId() + ":" + room, now);
        if (lastTyping.size() > 100_000) {
            lastTyping.values().removeIf(at -> now - at > TYPING_COALESCE_NANOS);
        }
        fanout.broadcastEvent(
                room,
                member.subject(),
                MessageFrames.envelope(
                        "typing",
                        null,
                        JSON.createObjectBuilder().add("room", room).add("member", memberRef(member))));
    }

    static final long CURSOR_COALESCE_MILLIS = 100;

    /** How often a presence change the cluster failed is tried (about 2 s in all). */
    private static final int CLUSTER_ATTEMPTS = 5;

    private final Map<String, String> pendingCursors = new ConcurrentHashMap<>();

    /**
     * Relays a member's cursor to the others in the room, coalesced: of the positions sent within 100 ms
     * only the last is relayed.
     */
    public void cursor(LiveConnection connection, long room, jakarta.json.JsonObject position) {
        MemberIdentity member = connection.identity();
        String key = member.memberId() + ":" + room;
        String frame = MessageFrames.envelope(
                "cursor",
                null,
                JSON.createObjectBuilder()
                        .add("room", room)
                        .add("member", memberRef(member))
                        .add("position", position));
        if (pendingCursors.put(key, frame) == null) {
            scheduler.schedule(
                    () -> {
                        String latest = pendingCursors.remove(key);
                        if (latest != null) {
                            fanout.broadcastEvent(room, member.subject(), latest);
                        }
                    },
                    CURSOR_COALESCE_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Applies the change on the cluster's map and announces it, waiting at most the cluster wait: when the
     * map does not answer in time the caller goes on, and the change completes (and is announced) when the
     * cluster answers. Changes of a room that arrive together are applied together ({@link BatchQueue}): a
     * burst of joins into a room becomes a few updates of its entry instead of one each, which queued behind
     * each other (and retried against each other across nodes) for up to a second per join.
     */
    private void update(long room, String member, UnaryOperator<RoomPresence> change) {
        CompletableFuture<Void> done = submit(room, member, change);
        try {
            done.get(clusterWaitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            slowCluster(room, change);
        } catch (ExecutionException e) {
            failedCluster(room, change, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** As {@link #update}, without waiting: for the sweep that ends many graces at once. */
    private void updateInBackground(long room, String member, UnaryOperator<RoomPresence> change) {
        submit(room, member, change)
                .copy()
                .orTimeout(clusterWaitMillis, TimeUnit.MILLISECONDS)
                .whenComplete((applied, failure) -> {
                    Throwable cause =
                            failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        slowCluster(room, change);
                    } else if (cause != null) {
                        failedCluster(room, change, cause);
                    }
                });
    }

    /** Queues the change on its room; the first change of an idle queue starts draining it. */
    private CompletableFuture<Void> submit(long room, String member, UnaryOperator<RoomPresence> change) {
        BatchQueue<Pending> queue = pending.computeIfAbsent(room, r -> new BatchQueue<>());
        Pending mine = new Pending(member, change, new CompletableFuture<>());
        if (queue.add(mine)) {
            try {
                clusterCalls.execute(() -> drain(room, queue));
            } catch (RejectedExecutionException stopping) {
                queue.next(Integer.MAX_VALUE).forEach(p -> p.done().completeExceptionally(stopping));
            }
        }
        return mine.done();
    }

    private void slowCluster(long room, UnaryOperator<RoomPresence> change) {
        SLOW.log(
                Level.WARNING,
                "update",
                "A presence change waits on the cluster for more than " + clusterWaitMillis
                        + " ms; it completes in the background",
                null);
        // this node's view shows the change meanwhile (changes are idempotent: applied again by the
        // cluster's answer, they change nothing)
        rememberLocally(room, change);
    }

    private void failedCluster(long room, UnaryOperator<RoomPresence> change, Throwable cause) {
        SLOW.log(Level.WARNING, "failed", "A presence change failed", cause);
        // the cluster lost it: this node's answers still show it
        rememberLocally(room, change);
    }

    /**
     * Applies what the room's queue holds, batch after batch, until it is empty. The waiting callers go on
     * as soon as their change is in the map; the room hears of the whole batch in one frame, or later, with
     * the batches after it, when the room's announcements are spaced (a storm of changes).
     */
    private void drain(long room, BatchQueue<Pending> queue) {
        for (List<Pending> batch = queue.next(Integer.MAX_VALUE);
                !batch.isEmpty();
                batch = queue.next(Integer.MAX_VALUE)) {
            RoomPresence[] states;
            try {
                states = applyRetrying(room, batch);
            } catch (RuntimeException e) {
                batch.forEach(p -> p.done().completeExceptionally(e));
                continue;
            }
            batch.forEach(p -> p.done().complete(null));
            announce(room, batch, states);
        }
    }

    /**
     * Hazelcast fails a call now and then while a member leaves and its partitions move ("Connecting to
     * self!"): a change lost then would report a member who reconnected elsewhere as gone when the grace
     * ends. Changes are idempotent, so a failed one is tried again, a few times, a little later.
     */
    private RoomPresence[] applyRetrying(long room, List<Pending> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return apply(room, batch);
            } catch (RuntimeException e) {
                if (attempt == CLUSTER_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The room's presence before the batch ([0]) and after each of its changes. */
    private RoomPresence[] apply(long room, List<Pending> batch) {
        String key = Long.toString(room);
        RoomPresence[] states = new RoomPresence[batch.size() + 1];
        presenceMap().compute(key, (k, json) -> {
            // may run more than once (an optimistic update in a cluster): the last run counts
            states[0] = RoomPresence.parse(json, lastKnown.get(key));
            for (int i = 0; i < batch.size(); i++) {
                states[i + 1] = batch.get(i).change().apply(states[i]);
            }
            return states[batch.size()].toJson();
        });
        remember(key, states[batch.size()]);
        return states;
    }

    private void announce(long room, List<Pending> batch, RoomPresence[] states) {
        for (int i = 0; i < batch.size(); i++) {
            String member = batch.get(i).member();
            if (RoomPresence.change(states[i], states[i + 1], member) == Change.LEFT
                    && !Boolean.FALSE.equals(holdsDocument.get(room))) {
                // what a member held in the room (a document's locks) ends with their presence; a room
                // this node never saw entered (a departed node's) is asked too
                departures.fireAsync(new RoomDeparture(room, member));
            }
        }
        AnnouncementSpacing spacing = spacings.computeIfAbsent(room, r -> new AnnouncementSpacing());
        long wait;
        synchronized (spacing) {
            wait = spacing.record(
                    states[0],
                    states[batch.size()],
                    batch.stream().map(Pending::member).toList(),
                    System.nanoTime(),
                    TimeUnit.MILLISECONDS.toNanos(maxSpacingMillis));
            if (wait == AnnouncementSpacing.ANNOUNCE_NOW) {
                announceDue(room, spacing);
            }
        }
        if (wait > 0) {
            try {
                announcer.schedule(() -> announceDue(room, spacing), wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                announceDue(room, spacing);
            }
        }
    }

    /** Announces what the room has not heard yet; under the spacing's lock, so announcements never overtake. */
    private void announceDue(long room, AnnouncementSpacing spacing) {
        synchronized (spacing) {
            AnnouncementSpacing.Due due = spacing.take(System.nanoTime());
            JsonObjectBuilder changes =
                    due == null ? null : RoomPresence.changes(room, due.before(), due.after(), due.members());
            if (changes != null) {
                fanout.broadcastEvent(room, null, MessageFrames.envelope("presence.changed", null, changes));
            }
        }
    }

    private static JsonObjectBuilder memberRef(MemberIdentity member) {
        return JSON.createObjectBuilder().add("id", member.subject()).add("displayName", member.displayName());
    }
}
