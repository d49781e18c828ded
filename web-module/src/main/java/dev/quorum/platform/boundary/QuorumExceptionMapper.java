package dev.quorum.platform.boundary;

import dev.quorum.platform.control.QuorumException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class QuorumExceptionMapper implements ExceptionMapper<QuorumException> {

    @Override
    public Response toResponse(QuorumException exception) {
        return Response.status(exception.error().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(exception.error()))
                .build();
    }
}
