package dev.quorum.connection.control;

import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.OutboundMessages;
import dev.quorum.document.control.DocumentCommand;
import dev.quorum.document.control.DocumentCommands;
import dev.quorum.identity.control.CredentialRefresh;
import dev.quorum.meeting.control.MeetingCommand;
import dev.quorum.meeting.control.MeetingCommands;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.routing.control.RoomCommand;
import dev.quorum.routing.control.RoomCommands;
import dev.quorum.transcript.control.TranscriptCommand;
import dev.quorum.transcript.control.TranscriptCommands;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The protocol's one dispatch table: each message type, the decoder that turns its {@code data} into a
 * typed command (validated at the edge, with {@link Fields}), and the handler that makes the command's
 * one business call and answers.
 */
@ApplicationScoped
public class CommandTable {

    /**
     * A frame as it arrived: the connection, the client's correlation id, when and from where, and how a
     * command answered later (after a commit) reports that it failed.
     */
    public record Inbound(
            LiveConnection connection,
            String replyTo,
            long receivedNanos,
            String remoteAddress,
            Consumer<Throwable> failedLater) {

        /** How the audit trail names where a command came from. */
        String source() {
            return remoteAddress + " connection:" + connection.id();
        }
    }

    @FunctionalInterface
    private interface Handler<C> {
        void handle(Inbound inbound, C command);
    }

    private record Route<C>(Function<Fields, C> decoder, Handler<C> handler) {
        void dispatch(Inbound inbound, Fields fields) {
            handler.handle(inbound, decoder.apply(fields));
        }
    }

    @Inject
    RoomCommands rooms;

    @Inject
    MeetingCommands meetings;

    @Inject
    TranscriptCommands transcripts;

    @Inject
    CredentialRefresh credentials;

    @Inject
    DocumentCommands documents;

    private final Map<String, Route<?>> routes = new TreeMap<>();

    @PostConstruct
    void build() {
        route("ping", fields -> fields, (in, ignored) -> in.connection()
                .sendControl(OutboundMessages.pong(in.replyTo(), Instant.now())));
        route(
                "auth.refresh",
                CredentialRefresh.Refresh::decode,
                (in, c) -> credentials.refresh(in.connection(), in.replyTo(), c, in.remoteAddress()));

        route("join", RoomCommand.Join::decode, (in, c) -> rooms.join(in.connection(), in.replyTo(), c));
        route("leave", RoomCommand.Leave::decode, (in, c) -> rooms.leave(in.connection(), in.replyTo(), c));
        route("resume", RoomCommand.Resume::decode, (in, c) -> rooms.resume(in.connection(), in.replyTo(), c));
        route("publish", RoomCommand.Publish::decode, (in, c) -> rooms.publish(
                        in.connection(), in.replyTo(), c, in.receivedNanos())
                .exceptionally(failure -> {
                    in.failedLater().accept(failure);
                    return null;
                }));
        route(
                "direct",
                RoomCommand.Direct::decode,
                (in, c) -> rooms.direct(in.connection(), in.replyTo(), c, in.receivedNanos()));
        route("history", RoomCommand.History::decode, (in, c) -> rooms.history(in.connection(), in.replyTo(), c));
        route(
                "presence",
                RoomCommand.PresenceQuery::decode,
                (in, c) -> rooms.presence(in.connection(), in.replyTo(), c));
        route("typing", RoomCommand.Typing::decode, (in, c) -> rooms.typing(in.connection(), c));
        route("cursor", RoomCommand.Cursor::decode, (in, c) -> rooms.cursor(in.connection(), c));
        route("status", RoomCommand.Status::decode, (in, c) -> rooms.status(in.connection(), c));

        route(
                "meeting.state",
                MeetingCommand.State::decode,
                (in, c) -> meetings.state(in.connection(), in.replyTo(), c));
        route(
                "meeting.checkin",
                MeetingCommand.Attend::checkIn,
                (in, c) -> meetings.attend(in.connection(), in.replyTo(), c, in.source()));
        route(
                "meeting.checkout",
                MeetingCommand.Attend::checkOut,
                (in, c) -> meetings.attend(in.connection(), in.replyTo(), c, in.source()));
        route(
                "meeting.start",
                MeetingCommand.Session::decode,
                (in, c) -> meetings.start(in.connection(), in.replyTo(), c, in.source()));
        route(
                "meeting.adjourn",
                MeetingCommand.Session::decode,
                (in, c) -> meetings.adjourn(in.connection(), in.replyTo(), c, in.source()));
        route(
                "meeting.agenda.close",
                MeetingCommand.CloseAgendaItem::decode,
                (in, c) -> meetings.closeAgendaItem(in.connection(), in.replyTo(), c, in.source()));
        route(
                "motion.withdraw",
                MeetingCommand.SetAside::decode,
                (in, c) -> meetings.setAside(in.connection(), in.replyTo(), c, "withdraw", in.source()));
        route(
                "motion.table",
                MeetingCommand.SetAside::decode,
                (in, c) -> meetings.setAside(in.connection(), in.replyTo(), c, "table", in.source()));
        route(
                "motion.resume",
                MeetingCommand.SetAside::decode,
                (in, c) -> meetings.setAside(in.connection(), in.replyTo(), c, "resume", in.source()));
        route(
                "motion.extend",
                MeetingCommand.Extend::decode,
                (in, c) -> meetings.extend(in.connection(), in.replyTo(), c, in.source()));
        route(
                "motion.propose",
                MeetingCommand.Propose::decode,
                (in, c) -> meetings.propose(in.connection(), in.replyTo(), c, in.source()));
        route(
                "motion.second",
                MeetingCommand.Second::decode,
                (in, c) -> meetings.second(in.connection(), in.replyTo(), c, in.source()));
        route(
                "motion.open",
                MeetingCommand.Open::decode,
                (in, c) -> meetings.open(in.connection(), in.replyTo(), c, in.source()));
        route(
                "motion.close",
                MeetingCommand.Close::decode,
                (in, c) -> meetings.close(in.connection(), in.replyTo(), c, in.source()));
        route(
                "vote",
                MeetingCommand.Vote::decode,
                (in, c) -> meetings.vote(in.connection(), in.replyTo(), c, in.source()));
        route("doc.open", DocumentCommand.Open::decode, (in, c) -> documents.open(in.connection(), in.replyTo(), c));
        route("doc.lock", DocumentCommand.Lock::decode, (in, c) -> documents.lock(in.connection(), in.replyTo(), c));
        route(
                "doc.lock.renew",
                DocumentCommand.LockChange::decode,
                (in, c) -> documents.renew(in.connection(), in.replyTo(), c));
        route(
                "doc.unlock",
                DocumentCommand.LockChange::decode,
                (in, c) -> documents.unlock(in.connection(), in.replyTo(), c));
        route(
                "doc.op",
                DocumentCommand.Submit::decode,
                (in, c) -> documents.submit(in.connection(), in.replyTo(), c, in.source(), in.receivedNanos()));
        route(
                "transcript.submit",
                TranscriptCommand::decode,
                (in, c) -> transcripts.submit(in.connection(), in.replyTo(), c, in.source()));
        route(
                "vote.verify",
                MeetingCommand.VerifyVote::decode,
                (in, c) -> meetings.verify(in.connection(), in.replyTo(), c));
    }

    private <C> void route(String type, Function<Fields, C> decoder, Handler<C> handler) {
        routes.put(type, new Route<>(decoder, handler));
    }

    /** Decodes the frame's data into its command and runs it; an unknown type is refused. */
    public void dispatch(Inbound inbound, InboundEnvelope envelope) {
        Route<?> route = routes.get(envelope.type());
        if (route == null) {
            throw new QuorumException(QuorumError.UNKNOWN_TYPE, "Unknown message type '" + envelope.type() + "'.");
        }
        route.dispatch(inbound, Fields.of(envelope.data()));
    }

    /** Messages answered from memory alone: they keep working while the database is away. */
    private static final Set<String> WITHOUT_DATABASE = Set.of("ping", "typing", "cursor", "status");

    /** Whether handling the type reaches the database (unknown types do not). */
    public boolean needsDatabase(String type) {
        return routes.containsKey(type) && !WITHOUT_DATABASE.contains(type);
    }

    /** Every message type a client may send. */
    public Set<String> types() {
        return routes.keySet();
    }
}
