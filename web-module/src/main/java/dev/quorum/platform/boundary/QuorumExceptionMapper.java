package dev.quorum.platform.boundary;

import dev.quorum.platform.control.ErrorResponses;
import dev.quorum.platform.control.QuorumException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class QuorumExceptionMapper implements ExceptionMapper<QuorumException> {

    @Override
    public Response toResponse(QuorumException exception) {
        return ErrorResponses.of(exception);
    }
}
