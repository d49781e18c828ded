package dev.quorum.platform.control;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every REST refusal as Quorum's JSON body {@code {code, message}}, with its status and Retry-After. */
public final class ErrorResponses {

    /** The JSON body of every refusal over HTTP: the same code and message a WebSocket error carries. */
    public record ErrorBody(String code, String message) {}

    private ErrorResponses() {}

    public static Response of(QuorumException refusal) {
        Response.ResponseBuilder response = Response.status(refusal.error().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(refusal.error().code(), refusal.getMessage()));
        if (refusal.retryAfterMillis() > 0) {
            response.header("Retry-After", (refusal.retryAfterMillis() + 999) / 1000);
        }
        if (refusal.error().httpStatus() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"quorum\"");
        }
        return response.build();
    }

    /** The refusal for a status JAX-RS decided on by itself (no such path, wrong method or media type...). */
    public static QuorumError forStatus(int status) {
        return switch (status) {
            case 401 -> QuorumError.CREDENTIAL_MISSING;
            case 403 -> QuorumError.FORBIDDEN;
            case 404 -> QuorumError.NOT_FOUND;
            case 405 -> QuorumError.METHOD_NOT_ALLOWED;
            case 406 -> QuorumError.NOT_ACCEPTABLE;
            case 413 -> QuorumError.BODY_TOO_LARGE;
            case 415 -> QuorumError.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> QuorumError.UNAVAILABLE;
            default -> status >= 500 ? QuorumError.INTERNAL_ERROR : QuorumError.INVALID_REQUEST;
        };
    }
}
