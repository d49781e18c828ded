package dev.quorum.platform.control;

import static dev.quorum.platform.control.JsonText.JSON;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * Every HTTP refusal as Quorum's JSON body {@code {code, message}}, with its status, Retry-After and
 * WWW-Authenticate: for JAX-RS ({@link #of}) and for filters and servlets ({@link #write}) alike.
 */
public final class ErrorResponses {

    /** The JSON body of every refusal over HTTP: the same code and message a WebSocket error carries. */
    public record ErrorBody(String code, String message) {}

    private static final String BEARER_CHALLENGE = "Bearer realm=\"quorum\"";

    private ErrorResponses() {}

    public static Response of(QuorumException refusal) {
        Response.ResponseBuilder response = Response.status(refusal.error().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(refusal.error().code(), refusal.getMessage()));
        if (refusal.retryAfterMillis() > 0) {
            response.header("Retry-After", retryAfterSeconds(refusal));
        }
        if (refusal.error().httpStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.header("WWW-Authenticate", BEARER_CHALLENGE);
        }
        return response.build();
    }

    /** The same answer written by a filter or servlet, outside JAX-RS. */
    public static void write(HttpServletResponse response, QuorumException refusal) throws IOException {
        response.setStatus(refusal.error().httpStatus());
        if (refusal.retryAfterMillis() > 0) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds(refusal)));
        }
        if (refusal.error().httpStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", BEARER_CHALLENGE);
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write(JSON.createObjectBuilder()
                        .add("code", refusal.error().code())
                        .add("message", refusal.getMessage())
                        .build()
                        .toString());
    }

    /** Whole seconds, rounded up: a client that waits them is never early. */
    static long retryAfterSeconds(QuorumException refusal) {
        return (refusal.retryAfterMillis() + 999) / 1000;
    }

    /** The refusal for a status JAX-RS decided on by itself (no such path, wrong method or media type...). */
    public static QuorumError forStatus(int status) {
        return switch (status) {
            case 401 -> QuorumError.CREDENTIAL_MISSING;
            case 403 -> QuorumError.FORBIDDEN;
            case 404 -> QuorumError.NOT_FOUND;
            case 405, 501 -> QuorumError.METHOD_NOT_ALLOWED;
            case 406 -> QuorumError.NOT_ACCEPTABLE;
            case 413 -> QuorumError.BODY_TOO_LARGE;
            case 415 -> QuorumError.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> QuorumError.UNAVAILABLE;
            default -> status >= 500 ? QuorumError.INTERNAL_ERROR : QuorumError.INVALID_REQUEST;
        };
    }
}
