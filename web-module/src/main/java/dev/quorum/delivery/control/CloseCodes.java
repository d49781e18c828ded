package dev.quorum.delivery.control;

import jakarta.websocket.CloseReason;

/** Quorum's own close codes (4000–4999); docs/protocol.md lists them. The client resumes after each
 * (after 4001 with a fresh token; after 4003 only when the user asks). */
public enum CloseCodes {
    /** The credential expired and no refreshed token arrived within the grace period. */
    CREDENTIAL_EXPIRED(4001, "credential expired: connect again with a fresh token"),
    /** The outbound queue filled with frames that may not be dropped. */
    SLOW_CONSUMER(4008, "slow consumer: reconnect and resume"),
    /** An administrator ended the member's sessions. */
    DISCONNECTED_BY_ADMIN(4003, "disconnected by an administrator"),
    /** The client kept publishing past its rate limit. */
    RATE_LIMIT_ABUSE(4029, "repeated rate-limit violations"),
    /** A high or critical frame waited longer than allowed. */
    DELIVERY_TIMEOUT(4009, "urgent messages could not be delivered in time: reconnect and resume");

    private final int code;
    private final String phrase;

    CloseCodes(int code, String phrase) {
        this.code = code;
        this.phrase = phrase;
    }

    public int code() {
        return code;
    }

    public CloseReason reason() {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), phrase);
    }
}
