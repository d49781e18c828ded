package dev.quorum.provisioning.boundary;

import dev.quorum.platform.control.ErrorResponses.ErrorBody;
import dev.quorum.provisioning.control.ScimErrors;
import dev.quorum.provisioning.control.ScimExchange;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/** Rewrites every refusal of a SCIM resource into SCIM's error form, keeping its status and code. */
@Provider
@ScimApi
public class ScimErrorFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ErrorBody refusal) {
            response.setEntity(
                    ScimErrors.of(response.getStatus(), refusal).toString(),
                    null,
                    MediaType.valueOf(ScimExchange.MEDIA_TYPE));
        }
    }
}
