package dev.quorum.platform.control;

import jakarta.ejb.ApplicationException;

/** A refusal with its code; thrown by services and turned into an error answer at the boundary. */
@ApplicationException(rollback = true)
public class QuorumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final QuorumError error;
    private final long retryAfterMillis;

    public QuorumException(QuorumError error) {
        this(error, error.message());
    }

    public QuorumException(QuorumError error, String message) {
        this(error, message, 0);
    }

    /** A refusal that may succeed if repeated after the given time. */
    public QuorumException(QuorumError error, String message, long retryAfterMillis) {
        super(message);
        this.error = error;
        this.retryAfterMillis = retryAfterMillis;
    }

    /** Milliseconds after which a retry may succeed; 0 when waiting does not help. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public QuorumError error() {
        return error;
    }
}
