package dev.quorum.platform.boundary;

import dev.quorum.platform.control.ErrorResponses;
import dev.quorum.platform.control.Failures;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Everything else that can go wrong in a REST call, answered as JSON {@code {code, message}} with the
 * right status: never the container's HTML page, a stack trace or SQL text. JAX-RS's own refusals (no
 * such path, a path id that is not a number, a wrong method or media type) keep their status.
 */
@Provider
public class FailureMapper implements ExceptionMapper<Throwable> {

    @Context
    Request request;

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && Failures.refusal(failure) == null) {
            Response refused = ErrorResponses.of(new QuorumException(
                    ErrorResponses.forStatus(web.getResponse().getStatus())));
            String allow = web.getResponse().getHeaderString("Allow");
            return allow == null
                    ? refused
                    : Response.fromResponse(refused).header("Allow", allow).build();
        }
        if (Failures.refusal(failure) == null && isJson(failure)) {
            return ErrorResponses.of(new QuorumException(
                    QuorumError.MALFORMED_JSON, "The body is not valid JSON of the expected shape."));
        }
        boolean changing = !HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod());
        return ErrorResponses.of(Failures.answer(failure, changing, "a REST " + request.getMethod()));
    }

    private static boolean isJson(Throwable failure) {
        return Failures.causes(failure).anyMatch(t -> t instanceof JsonException || t instanceof JsonbException);
    }
}
