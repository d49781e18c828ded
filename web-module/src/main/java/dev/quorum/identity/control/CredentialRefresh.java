package dev.quorum.identity.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.audit.control.AuditLog;
import dev.quorum.delivery.control.LiveConnection;
import dev.quorum.delivery.control.MessageFrames;
import dev.quorum.delivery.control.RoomFanout;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import dev.quorum.room.control.RoomAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code auth.refresh}: an open connection swaps its credential for a fresh token before the old one
 * expires. The token is verified as at the handshake, must name the same member, and every room the
 * connection is in is authorized again: a room the member may no longer enter is left at once.
 */
@ApplicationScoped
public class CredentialRefresh {

    static final int MAX_TOKEN_LENGTH = 16_384;

    private static final Logger LOG = Logger.getLogger(CredentialRefresh.class.getName());

    @Inject
    TokenVerifier verifier;

    @Inject
    RoomAccess access;

    @Inject
    RoomFanout fanout;

    @Inject
    AuditLog audit;

    /** {@code auth.refresh}: a fresh token of the same member for the open connection. */
    public record Refresh(String token) {
        public static Refresh decode(Fields fields) {
            return new Refresh(fields.text("token", MAX_TOKEN_LENGTH));
        }
    }

    public void refresh(LiveConnection connection, String replyTo, Refresh refresh, String remoteAddress) {
        MemberIdentity current = connection.identity();
        MemberIdentity renewed = verifier.identify(refresh.token());
        if (renewed.memberId() != current.memberId()) {
            throw new QuorumException(QuorumError.CREDENTIAL_MISMATCH);
        }
        connection.reauthenticate(renewed);
        List<Long> lost = new ArrayList<>();
        for (long room : connection.rooms()) {
            try {
                access.authorize(renewed, room);
            } catch (QuorumException refused) {
                lost.add(room);
                fanout.remove(connection, room, "access");
            }
        }
        if (!lost.isEmpty() || !renewed.roles().equals(current.roles())) {
            LOG.info(() -> String.format(
                    "Credential of session=%s member=%s refreshed: roles %s -> %s, rooms left %s",
                    connection.id(), renewed.logName(), current.roles(), renewed.roles(), lost));
            audit.record(
                    renewed.organizationId(),
                    renewed.subject(),
                    "credential.refreshed",
                    "connection:" + connection.id(),
                    JSON.createObjectBuilder()
                            .add(
                                    "rolesBefore",
                                    String.join(
                                            ",",
                                            current.roles().stream().sorted().toList()))
                            .add(
                                    "rolesAfter",
                                    String.join(
                                            ",",
                                            renewed.roles().stream().sorted().toList()))
                            .add("roomsLeft", lost.toString())
                            .build()
                            .toString(),
                    remoteAddress);
        }
        JsonArrayBuilder left = JSON.createArrayBuilder();
        lost.forEach(left::add);
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        renewed.roles().stream().sorted().forEach(roles::add);
        connection.sendControl(MessageFrames.envelope(
                "auth.refreshed",
                replyTo,
                JSON.createObjectBuilder()
                        .add(
                                "credentialExpiresAt",
                                renewed.credentialExpiresAt().toString())
                        .add("roles", roles)
                        .add("roomsLeft", left)));
    }
}
