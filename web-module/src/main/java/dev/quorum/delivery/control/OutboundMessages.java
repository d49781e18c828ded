package dev.quorum.delivery.control;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.List;

/** The server's messages of protocol version 1, one record each; docs/protocol.md shows an example of each. */
public final class OutboundMessages {

    public static final int PROTOCOL_VERSION = 1;

    private OutboundMessages() {}

    /** Every frame the server sends. {@code replyTo} is absent unless the frame answers a client frame. */
    public record Envelope(String type, String replyTo, Object data) {}

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** The frame's text. */
    public static String encode(Envelope envelope) {
        return JSONB.toJson(envelope);
    }

    /** The answer to a client's ping. */
    public static String pong(String replyTo, Instant serverTime) {
        return encode(new Envelope("pong", replyTo, new Pong(serverTime)));
    }

    public record MemberRef(String id, String displayName) {}

    public record OrganizationRef(String id, String name) {}

    public record Limits(int maxFrameBytes) {}

    public record Welcome(
            String sessionId,
            MemberRef member,
            OrganizationRef organization,
            List<String> roles,
            Instant serverTime,
            int protocolVersion,
            Instant credentialExpiresAt,
            Limits limits) {

        public static Welcome of(String sessionId, MemberIdentity identity, int maxFrameBytes) {
            return new Welcome(
                    sessionId,
                    new MemberRef(identity.subject(), identity.displayName()),
                    new OrganizationRef(identity.organization(), identity.organizationName()),
                    identity.roles().stream().sorted().toList(),
                    Instant.now(),
                    PROTOCOL_VERSION,
                    identity.credentialExpiresAt(),
                    new Limits(maxFrameBytes));
        }
    }

    public record Pong(Instant serverTime) {}

    /** {@code retryAfter} (milliseconds) is present on refusals that waiting cures. */
    public record Error(String code, String message, Long retryAfter) {
        public static Error of(QuorumError error, String message) {
            return new Error(error.code(), message, null);
        }

        public static Error of(QuorumException refusal) {
            return new Error(
                    refusal.error().code(),
                    refusal.getMessage(),
                    refusal.retryAfterMillis() > 0 ? refusal.retryAfterMillis() : null);
        }
    }
}
