package dev.quorum.platform.boundary;

import dev.quorum.platform.control.QuorumError;

/** The JSON body of every refusal over HTTP: the same code and message a WebSocket error carries. */
public record ErrorBody(String code, String message) {

    public static ErrorBody of(QuorumError error) {
        return new ErrorBody(error.code(), error.message());
    }
}
