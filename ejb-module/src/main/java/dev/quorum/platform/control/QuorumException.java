package dev.quorum.platform.control;

import jakarta.ejb.ApplicationException;

/** A refusal with its code; thrown by services and turned into an error answer at the boundary. */
@ApplicationException(rollback = true)
public class QuorumException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final QuorumError error;

    public QuorumException(QuorumError error) {
        this(error, error.message());
    }

    public QuorumException(QuorumError error, String message) {
        super(message);
        this.error = error;
    }

    public QuorumError error() {
        return error;
    }
}
